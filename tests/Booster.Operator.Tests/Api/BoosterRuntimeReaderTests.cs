using Booster.Operator.Api;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Api;

public class BoosterRuntimeReaderTests
{
    [Theory]
    [InlineData("apiVersion: booster.dev/v1alpha1\nkind: BoosterRuntime", true)]
    [InlineData("apiVersion: booster.dev/v1beta9\nkind: BoosterRuntime", false)]
    [InlineData("apiVersion: v1\nkind: ConfigMap", false)]
    [InlineData("kind: BoosterRuntime", false)]
    [InlineData("[]", false)]
    public void RecognisesBoosterRuntimesByApiVersionAndKind(string yaml, bool expected) =>
        BoosterRuntimeReader.IsBoosterRuntime(YamlDocuments.Parse(yaml).Single()).Should().Be(expected);

    [Fact]
    public void NullFieldsTakeTheirDefaultsAsTheApiServerWouldApplyThem()
    {
        var runtime = Runtimes.FromSpecYaml("pool: ~\nreplicas: null\nlimits: {timeoutMs: ~}");

        runtime.Spec.Pool.MaxConcurrency.Should().Be(8);
        runtime.Spec.Replicas.Should().Be(2);
        runtime.Spec.Limits.TimeoutMs.Should().Be(10000);
    }

    [Fact]
    public void AMissingSpecIsTheDefaultSpec()
    {
        var document = Runtimes.Document();
        document.Remove("spec");

        Runtimes.FromJson(document).Spec.Pool.QueueLimit.Should().Be(4096);
    }

    [Theory]
    [InlineData("pool: {maxConcurrency: lots}", "spec.pool.maxConcurrency")]
    [InlineData("env: {name: X}", "spec.env")]
    [InlineData("wasmtime: {memoryGuardSize: [1]}", "spec.wasmtime.memoryGuardSize")]
    public void AValueOfTheWrongTypeIsReportedWithItsPath(string specYaml, string path)
    {
        var (runtime, errors) = BoosterRuntimeReader.Read(Runtimes.Document(specYaml));

        runtime.Should().BeNull();
        errors.Should().ContainSingle().Which.Path.Should().Be(path);
    }

    [Fact]
    public void UnknownFieldsAreErrorsAsKubectlApplyMakesThem()
    {
        var document = Runtimes.Document("pool: {maxConcurency: 8}\nenv: [{name: A, vaule: x}]\npod: {affinity: {nodeAffinty: {}}}");
        document["metadata"]!["lables"] = new System.Text.Json.Nodes.JsonObject();

        var (runtime, errors) = BoosterRuntimeReader.Read(document);

        runtime.Should().BeNull();
        errors.Select(e => e.ToString()).Should().BeEquivalentTo(
            "metadata.lables: unknown field", "spec.pool.maxConcurency: unknown field",
            "spec.env[0].vaule: unknown field", "spec.pod.affinity.nodeAffinty: unknown field");
    }

    [Fact]
    public void AnObjectAsKubectlGetPrintsItReadsWithoutUnknownFields()
    {
        var document = Runtimes.Document("pool: {maxConcurrency: 4}");
        document["metadata"]!["resourceVersion"] = "42";
        document["metadata"]!["generation"] = 3;
        document["metadata"]!["creationTimestamp"] = "2026-01-02T03:04:05Z";
        document["status"] = System.Text.Json.Nodes.JsonNode.Parse("""
            {"observedGeneration": 3, "replicas": 2, "readyReplicas": 2, "availableReplicas": 2, "selector": "a=b",
             "conditions": [{"type": "Available", "status": "True", "reason": "Ready", "message": "2 of 2", "lastTransitionTime": "2026-01-02T03:04:05Z", "observedGeneration": 3}]}
            """);

        var (runtime, errors) = BoosterRuntimeReader.Read(document);

        errors.Should().BeEmpty();
        runtime!.Status!.Conditions!.Single().Type.Should().Be("Available");
    }
}
