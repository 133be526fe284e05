using Booster.Operator.Rendering;

namespace Booster.Operator.Tests.Support;

/// <summary>What charts/booster/Chart.yaml says about the clusters it installs on.</summary>
internal static class ChartMetadata
{
    /// <summary>The chart's kubeVersion constraint, e.g. <c>&gt;=1.30.0-0</c>.</summary>
    public static string KubeVersion { get; } =
        (string)YamlDocuments.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "charts", "booster", "Chart.yaml"))).Single()["kubeVersion"]!;

    /// <summary>The oldest Kubernetes minor the chart admits, e.g. "1.30".</summary>
    public static string OldestKubernetes => string.Join('.', KubeVersion.TrimStart('>', '=').Split('.')[..2]);
}
