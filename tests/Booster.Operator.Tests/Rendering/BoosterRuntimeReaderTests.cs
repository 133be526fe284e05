using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Rendering;

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
        var (runtime, error) = BoosterRuntimeReader.Read(Runtimes.Document(specYaml));

        runtime.Should().BeNull();
        error!.Path.Should().Be(path);
    }
}
