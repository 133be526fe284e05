using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

/// <summary>The env the builder writes, fed to the runtime's own parser, gives the configuration the spec asks for.</summary>
public class RuntimeParserAgreementTests
{
    private static void ParsesBackExactly(BoosterRuntime runtime)
    {
        var container = DeploymentBuilder.Build(runtime, DesiredStateOptions.Default).Spec.Template.Spec.Containers.Single();
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);
        var modulePath = env[BoosterVariables.Path];

        var parsed = RuntimeSettingsParser.Parse(env.GetValueOrDefault);

        parsed.Errors.Should().BeEmpty();
        parsed.Warnings.Should().BeEmpty();
        parsed.Settings.Should().Be(RuntimeEnvBuilder.SettingsFor(runtime.Spec, modulePath));
    }

    public static TheoryData<string> Samples() => new(RepositoryPaths.Samples.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleParsesBackToItsSpec(string sample)
    {
        foreach (var runtime in Runtimes.FromSample(RepositoryPaths.Sample(sample))) ParsesBackExactly(runtime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wasmtime: {tuneDefaults: false}")]
    [InlineData("wasmtime: {tuneDefaults: false, memoryGuardSize: 2Gi, memoryReservationForGrowth: 0}")]
    [InlineData("modules: {image: {reference: m:1, path: /app/hello.wasm}, default: hello}")]
    public void SpecsParseBackToTheirSettings(string specYaml) => ParsesBackExactly(Runtimes.FromSpecYaml(specYaml));

    /// <summary>Paths of the bounded fields that become a BOOSTER_* variable.</summary>
    public static TheoryData<string> RuntimeFields() =>
        new(FieldLimits.ByPath.Keys.Where(path => RuntimeEnvBuilder.SpecFieldOf.Values.Contains(path)));

    /// <summary>What the validator accepts, the runtime accepts: a spec never passes here and then stops a pod.</summary>
    [Theory]
    [MemberData(nameof(RuntimeFields))]
    public void AtBothBoundsOfAFieldTheRuntimeAcceptsTheValue(string path)
    {
        var bounds = FieldLimits.For(path);
        foreach (var value in new[] { bounds.Minimum, bounds.Maximum!.Value })
        {
            var runtime = Runtimes.FromJson(Runtimes.With(Runtimes.Document(), path, JsonValue.Create(value)));
            SpecValidator.Validate(runtime).Should().BeEmpty($"{path}={value} is within the bounds");
            ParsesBackExactly(runtime);
        }
    }

    [Fact]
    public void EveryVariableTheBuilderWritesIsAContractVariable() =>
        Built.Env("modules: {configMap: {name: m}, default: x}").Keys.Should().BeSubsetOf(BoosterVariables.All);
}
