using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class RuntimeEnvBuilderTests
{
    [Fact]
    public void AnEmptySpecWritesTheContractDefaultsExplicitly() =>
        Built.Env().Should().Equal(new Dictionary<string, string>
        {
            [BoosterVariables.PoolMax] = "8",
            [BoosterVariables.QueueMax] = "4096",
            [BoosterVariables.QueueTimeoutMs] = "30000",
            [BoosterVariables.DrainDelayMs] = "5000",
            [BoosterVariables.WasmtimeTuneDefaults] = "true",
            [BoosterVariables.WasmtimeMemoryGuardSize] = "65536",
            [BoosterVariables.WasmtimeMemoryReservation] = "0",
            [BoosterVariables.WasmtimeMemoryReservationForGrowth] = "1048576",
            [BoosterVariables.Path] = "./modules",
            [BoosterVariables.MaxOutputBytes] = "1048576",
            [BoosterVariables.TimeoutMs] = "10000",
            [BoosterVariables.MaxMemoryBytes] = "268435456",
            [BoosterVariables.MaxTableElements] = "100000",
            [BoosterVariables.MaxRequestBytes] = "4194304",
            [BoosterVariables.Listen] = "http://0.0.0.0:2678",
            [BoosterVariables.CachePath] = "/booster/cache",
            [BoosterVariables.CacheMaxBytes] = "1932735276",
        });

    [Theory]
    [InlineData("pool: {maxConcurrency: 16}", BoosterVariables.PoolMax, "16")]
    [InlineData("pool: {queueLimit: 0}", BoosterVariables.QueueMax, "0")]
    [InlineData("pool: {queueTimeoutMs: 1500}", BoosterVariables.QueueTimeoutMs, "1500")]
    [InlineData("wasmtime: {memoryGuardSize: 128Ki}", BoosterVariables.WasmtimeMemoryGuardSize, "131072")]
    [InlineData("wasmtime: {memoryReservation: 1Gi}", BoosterVariables.WasmtimeMemoryReservation, "1073741824")]
    [InlineData("wasmtime: {memoryReservationForGrowth: 2097152}", BoosterVariables.WasmtimeMemoryReservationForGrowth, "2097152")]
    [InlineData("limits: {timeoutMs: 250}", BoosterVariables.TimeoutMs, "250")]
    [InlineData("limits: {maxTableElements: 5000}", BoosterVariables.MaxTableElements, "5000")]
    [InlineData("limits: {maxMemoryBytes: 64Mi}", BoosterVariables.MaxMemoryBytes, "67108864")]
    [InlineData("limits: {maxOutputBytes: \"4096\"}", BoosterVariables.MaxOutputBytes, "4096")]
    [InlineData("limits: {maxRequestBytes: 1Mi}", BoosterVariables.MaxRequestBytes, "1048576")]
    [InlineData("modules: {configMap: {name: m}, default: hello}", BoosterVariables.DefaultModule, "hello")]
    [InlineData("modules: {configMap: {name: m}}", BoosterVariables.Path, "/booster/modules")]
    public void EachSpecFieldSetsItsVariableAsAPlainByteOrCount(string specYaml, string variable, string value) =>
        Built.Env(specYaml).Should().Contain(variable, value);

    [Fact]
    public void TuneDefaultsFalseWritesFalseAndLeavesTheUpstreamMemoryValuesAlone()
    {
        var env = Built.Env("wasmtime: {tuneDefaults: false}");

        env.Should().Contain(BoosterVariables.WasmtimeTuneDefaults, "false");
        env.Keys.Should().NotContain([
            BoosterVariables.WasmtimeMemoryGuardSize, BoosterVariables.WasmtimeMemoryReservation, BoosterVariables.WasmtimeMemoryReservationForGrowth]);
    }

    [Fact]
    public void AnOverrideIsWrittenEvenWithTuningOff()
    {
        var env = Built.Env("wasmtime: {tuneDefaults: false, memoryReservation: 4Gi}");

        env.Should().Contain(BoosterVariables.WasmtimeMemoryReservation, "4294967296");
        env.Keys.Should().NotContain(BoosterVariables.WasmtimeMemoryGuardSize);
    }

    [Fact]
    public void WithoutADefaultModuleTheRuntimePicksTheNewest() =>
        Built.Env("modules: {configMap: {name: m}}").Keys.Should().NotContain(BoosterVariables.DefaultModule);

    [Fact]
    public void UserEnvComesAfterTheDerivedVariablesInItsOwnOrder()
    {
        var env = Built.RuntimeContainer("env: [{name: B, value: '2'}, {name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]").Env;

        env.Select(e => e.Name).Should().EndWith(["B", "A"]);
        env.Select(e => e.Name).Take(env.Count - 2).Should().OnlyContain(name => name.StartsWith("BOOSTER_", StringComparison.Ordinal));
        env[^1].ValueFrom.FieldRef.FieldPath.Should().Be("metadata.name");
    }

    [Fact]
    public void EveryContractVariableIsTracedToTheFieldThatSetsIt() =>
        RuntimeEnvBuilder.SpecFieldOf.Keys.Should().BeEquivalentTo(BoosterVariables.All);
}
