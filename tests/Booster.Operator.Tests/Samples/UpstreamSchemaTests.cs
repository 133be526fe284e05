using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Api;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using k8s;

namespace Booster.Operator.Tests.Samples;

/// <summary>
/// What render makes from every sample, the other objects in the samples, and the CRD itself,
/// all checked against the upstream Kubernetes OpenAPI schemas by a real validator.
/// </summary>
public class UpstreamSchemaTests
{
    public static TheoryData<string> Samples() => new(RepositoryPaths.Samples.Select(Path.GetFileName)!);

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void EveryObjectRenderedFromASampleIsValidKubernetes(string sample)
    {
        KubernetesValidator.SkipUnlessInstalled();
        var documents = YamlDocuments.Parse(File.ReadAllText(RepositoryPaths.Sample(sample)));
        var rendered = documents.Where(BoosterRuntimeReader.IsBoosterRuntime)
            .SelectMany(document => DesiredState.Build(Runtimes.FromJson(document), DesiredStateOptions.Default))
            .Select(obj => JsonNode.Parse(KubernetesJson.Serialize(obj))!);
        var others = documents.Where(document => !BoosterRuntimeReader.IsBoosterRuntime(document));

        KubernetesValidator.Problems(rendered.Concat(others)).Should().BeEmpty();
    }

    [SkippableFact]
    public void TheCrdIsAValidCustomResourceDefinition()
    {
        KubernetesValidator.SkipUnlessInstalled();

        KubernetesValidator.Problems([Crd.Document]).Should().BeEmpty();
    }

    /// <summary>Shows the validator is real: it must reject an object the API server would reject.</summary>
    [SkippableFact]
    public void TheValidatorRejectsABrokenDeployment()
    {
        KubernetesValidator.SkipUnlessInstalled();
        var deployment = JsonNode.Parse(KubernetesJson.Serialize(Built.Deployment()))!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = "http";

        KubernetesValidator.Problems([deployment]).Should().ContainSingle()
            .Which.Should().Contain("/spec/template/spec/containers/0/ports/0/containerPort");
    }
}
