using Booster.Operator.Desired;
using k8s.Models;

namespace Booster.Operator.Tests.Support;

/// <summary>Desired objects of a spec given as YAML, and the parts tests look at.</summary>
internal static class Built
{
    public static V1Deployment Deployment(string specYaml = "") =>
        DeploymentBuilder.Build(Runtimes.FromSpecYaml(specYaml), DesiredStateOptions.Default);

    public static V1PodSpec Pod(string specYaml = "") => Deployment(specYaml).Spec.Template.Spec;

    public static V1Container RuntimeContainer(string specYaml = "") =>
        Pod(specYaml).Containers.Single(c => c.Name == Operator.Desired.RuntimeContainer.Name);

    public static Dictionary<string, string> Env(string specYaml = "") =>
        RuntimeContainer(specYaml).Env.ToDictionary(e => e.Name, e => e.Value);

    public static string Hash(string specYaml = "") =>
        Deployment(specYaml).Spec.Template.Metadata.Annotations[ConfigHash.Annotation];
}
