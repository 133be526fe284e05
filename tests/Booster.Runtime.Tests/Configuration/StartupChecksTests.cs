using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Tests.Configuration;

public class StartupChecksTests
{
    private static readonly Func<WasmtimeMemorySettings, IReadOnlyList<string>> EngineFine = _ => [];

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void AnEmptyEnvironmentStartsWithTheDefaults()
    {
        var (startup, problems) = StartupChecks.Run(Variables(), EngineFine);

        problems.Should().BeEmpty();
        startup.Should().NotBeNull();
        startup!.Settings.Listen.Should().Be(RuntimeSettings.Defaults.Listen);
        startup.Tracing.Exporter.Should().Be(TraceExporter.None);
        startup.DataImports.Should().NotBeNull();
    }

    [Fact]
    public void ABadBoosterVariableIsReportedAndNothingLaterRuns()
    {
        var engineChecked = false;
        var (startup, problems) = StartupChecks.Run(
            Variables((BoosterVariables.PoolMax, "many"), ("OTEL_TRACES_EXPORTER", "carrier-pigeon")),
            _ => { engineChecked = true; return []; });

        startup.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().StartWith($"{BoosterVariables.PoolMax}='many' is invalid: expected");
        engineChecked.Should().BeFalse("the engine check needs settings that parsed");
    }

    [Fact]
    public void ABadDataImportVariableIsReportedByName()
    {
        var (startup, problems) = StartupChecks.Run(Variables((DataImportVariables.RedisPoolMax, "0")), EngineFine);

        startup.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().StartWith($"{DataImportVariables.RedisPoolMax}='0' is invalid");
    }

    [Fact]
    public void TheEngineCheckSeesTheParsedMemorySettingsAndItsProblemsAreReported()
    {
        WasmtimeMemorySettings? seen = null;
        var (startup, problems) = StartupChecks.Run(
            Variables((BoosterVariables.WasmtimeTuneDefaults, "false")),
            memory => { seen = memory; return ["first", "second"]; });

        startup.Should().BeNull();
        problems.Should().Equal("first", "second");
        seen.Should().Be(WasmtimeMemorySettings.Resolve(false, null, null, null));
    }

    [Fact]
    public void ABadTracingExporterIsReportedWithTheAcceptedForm()
    {
        var (startup, problems) = StartupChecks.Run(Variables(("OTEL_TRACES_EXPORTER", "carrier-pigeon")), EngineFine);

        startup.Should().BeNull();
        problems.Should().Equal("OTEL_TRACES_EXPORTER='carrier-pigeon' is invalid: expected otlp, console or none");
    }

    [Fact]
    public void WarningsOfAnAcceptedConfigurationAreKept()
    {
        var (startup, _) = StartupChecks.Run(Variables((BoosterVariables.AuthToken, "short")), EngineFine);

        startup!.Warnings.Should().ContainSingle().Which.Should().StartWith($"{BoosterVariables.AuthToken} is shorter than");
    }
}
