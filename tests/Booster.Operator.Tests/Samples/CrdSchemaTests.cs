using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using Json.Schema;

namespace Booster.Operator.Tests.Samples;

/// <summary>
/// Every sample passes the CRD's openAPIV3Schema (checked by a JSON-schema validator), and the
/// schema rejects what kubectl apply should reject before the operator sees it.
/// </summary>
public class CrdSchemaTests
{
    private static readonly JsonSchema Schema = OpenApiJsonSchema.Build(Crd.Schema);

    public static TheoryData<string> Samples() => new(RepositoryPaths.Samples.Select(Path.GetFileName)!);

    private static IReadOnlyList<string> Problems(string specYaml) =>
        OpenApiJsonSchema.Problems(Schema, Runtimes.Document(specYaml));

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleIsValidAgainstTheCrd(string sample)
    {
        var runtimes = YamlDocuments.Parse(File.ReadAllText(RepositoryPaths.Sample(sample))).Where(BoosterRuntimeReader.IsBoosterRuntime).ToList();

        runtimes.Should().NotBeEmpty();
        foreach (var runtime in runtimes) OpenApiJsonSchema.Problems(Schema, runtime).Should().BeEmpty();
    }

    [Fact]
    public void EverySchemaDefaultIsValidForItsField()
    {
        foreach (var (path, field) in Crd.SpecFields().Where(f => f.Schema["default"] is not null))
        {
            var fieldSchema = OpenApiJsonSchema.Build(field);
            OpenApiJsonSchema.Problems(fieldSchema, field["default"]!).Should().BeEmpty(path);
        }
    }

    [Theory]
    [InlineData("pool: {maxConcurrency: 0}", "/spec/pool/maxConcurrency")]
    [InlineData("pool: {maxConcurrency: '8'}", "/spec/pool/maxConcurrency")]
    [InlineData("pool: {maxConcurency: 8}", "/spec/pool/maxConcurency")]
    [InlineData("wasmtime: {memoryGuardSize: 64KB}", "/spec/wasmtime/memoryGuardSize")]
    [InlineData("wasmtime: {memoryGuardSize: -1}", "/spec/wasmtime/memoryGuardSize")]
    [InlineData("wasmtime: {memoryGuardSize: true}", "/spec/wasmtime/memoryGuardSize")]
    [InlineData("limits: {maxMemoryBytes: 8589934592}", "/spec/limits/maxMemoryBytes")]
    [InlineData("service: {type: ExternalName}", "/spec/service/type")]
    [InlineData("modules: {configMap: {name: a}, image: {reference: b}}", "/spec/modules")]
    [InlineData("modules: {default: hello}", "/spec/modules")]
    [InlineData("modules: {image: {reference: b, path: relative}}", "/spec/modules/image/path")]
    [InlineData("modules: {configMap: {name: a}, default: .hidden}", "/spec/modules/default")]
    [InlineData("autoscaling: {minReplicas: 2}", "/spec/autoscaling")]
    [InlineData("env: [{value: x}]", "/spec/env/0")]
    [InlineData("resources: {limits: {memory: lots}}", "/spec/resources/limits/memory")]
    [InlineData("image: 'a b'", "/spec/image")]
    [InlineData("pod: {imagePullSecrets: [{}]}", "/spec/pod/imagePullSecrets/0")]
    [InlineData("pod: {imagePullSecrets: [{name: ''}]}", "/spec/pod/imagePullSecrets/0/name")]
    public void RejectsWhatKubectlApplyShouldReject(string specYaml, string location) =>
        Problems(specYaml).Should().Contain(problem => problem.StartsWith(location + ":", StringComparison.Ordinal));

    [Theory]
    [InlineData("wasmtime: {memoryGuardSize: 65536}")]
    [InlineData("wasmtime: {memoryGuardSize: 64Ki}")]
    [InlineData("limits: {maxMemoryBytes: 8Gi}")]
    [InlineData("pod: {affinity: {nodeAffinity: {anything: [1, 2]}}}")]
    public void AcceptsBothSizeFormsAndAnyAffinity(string specYaml) => Problems(specYaml).Should().BeEmpty(
        "8Gi passes the schema (a pattern cannot bound a size string) and is left to the operator's validation");

    [Fact]
    public void TheConverterRefusesAKeywordItCannotCheck()
    {
        var schema = new JsonObject { ["type"] = "object", ["x-kubernetes-embedded-resource"] = true };

        var build = () => OpenApiJsonSchema.Build(schema);

        build.Should().Throw<NotSupportedException>().WithMessage("*x-kubernetes-embedded-resource*");
    }
}
