using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;

namespace Booster.Operator.Tests.Api;

/// <summary>
/// The CRD offers, and the operator applies, only fields the oldest Kubernetes the chart admits
/// knows: a server-side apply naming a field missing from the server's schema is refused whole,
/// and the Deployment would then never update. Checked against that version's API types.
/// </summary>
public class OldestKubernetesTests
{
    /// <summary>The CRD's fields that are Kubernetes types, with the type (module, TypeScript type).</summary>
    public static TheoryData<string, string, string> KubernetesTypedFields() => new()
    {
        { "spec.resources", "core/v1", "ResourceRequirements" },
        { "spec.env", "core/v1", "Array<EnvVar>" },
        { "spec.pod.tolerations", "core/v1", "Array<Toleration>" },
        { "spec.pod.imagePullSecrets", "core/v1", "Array<LocalObjectReference>" },
        { "spec.access.allowFrom[].namespaceSelector", "meta/v1", "LabelSelector" },
        { "spec.access.allowFrom[].podSelector", "meta/v1", "LabelSelector" },
        { "spec.access.allowFrom[].ipBlock", "networking/v1", "IPBlock" },
        { "status.conditions", "meta/v1", "Array<Condition>" },
    };

    [SkippableTheory]
    [MemberData(nameof(KubernetesTypedFields))]
    public void TheCrdOffersOnlyFieldsTheOldestKubernetesKnows(string path, string module, string type)
    {
        KubernetesTypes.SkipUnlessInstalled();

        KubernetesTypes.UnknownFields(KubernetesTypes.Skeleton(Crd.At(path)), module, type, path).Should().BeEmpty();
    }

    [SkippableFact]
    public void AFieldOfALaterKubernetesIsFound()
    {
        KubernetesTypes.SkipUnlessInstalled();
        var env = Crd.At("spec.env").DeepClone().AsObject();
        env["items"]!["properties"]!["valueFrom"]!["properties"]!["fileKeyRef"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };

        KubernetesTypes.UnknownFields(KubernetesTypes.Skeleton(env), "core/v1", "Array<EnvVar>", "spec.env").Should().Equal("spec.env[].valueFrom.fileKeyRef");
    }

    /// <summary>The C# models' fields the CRD leaves out are exactly those the oldest Kubernetes lacks.</summary>
    [SkippableFact]
    public void TheFieldsLeftOutOfTheCrdAreUnknownToTheOldestKubernetes()
    {
        KubernetesTypes.SkipUnlessInstalled();
        var envWithFileKeyRef = JsonNode.Parse("""[{"name":"A","valueFrom":{"fileKeyRef":{"key":"k","path":"p","volumeName":"v"}}}]""");
        var claimWithRequest = JsonNode.Parse("""{"claims":[{"name":"gpu","request":"one"}]}""");

        KubernetesTypes.UnknownFields(envWithFileKeyRef, "core/v1", "Array<EnvVar>", "spec.env")
            .Concat(KubernetesTypes.UnknownFields(claimWithRequest, "core/v1", "ResourceRequirements", "spec.resources"))
            .Should().BeEquivalentTo(CrdDriftTests.NewerThanTheOldestKubernetes);
    }

    public static TheoryData<string> Samples() => new(RepositoryPaths.Samples.Select(Path.GetFileName)!);

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void EveryObjectTheOperatorAppliesUsesOnlyFieldsTheOldestKubernetesKnows(string sample)
    {
        KubernetesTypes.SkipUnlessInstalled();
        var modules = new Dictionary<string, string>
        {
            ["Deployment"] = "apps/v1", ["Service"] = "core/v1", ["ConfigMap"] = "core/v1", ["PodDisruptionBudget"] = "policy/v1",
            ["HorizontalPodAutoscaler"] = "autoscaling/v2", ["NetworkPolicy"] = "networking/v1",
        };
        var applied = Runtimes.FromSample(RepositoryPaths.Sample(sample))
            .SelectMany(runtime => DesiredState.Build(runtime, DesiredStateOptions.Default))
            .Where(obj => modules.ContainsKey(obj.Kind))
            .ToList();

        applied.Should().NotBeEmpty();
        applied.SelectMany(obj => KubernetesTypes.UnknownFields(JsonNode.Parse(KubernetesJson.Serialize(obj)), modules[obj.Kind], obj.Kind, obj.Kind))
            .Should().BeEmpty();
    }

    [SkippableFact]
    public void TheChartAdmitsNoOlderKubernetesThanTheTypesChecked()
    {
        KubernetesTypes.SkipUnlessInstalled();

        ChartMetadata.KubeVersion.Should().Be($">={KubernetesTypes.Version}.0-0");
    }
}
