using Booster.Contract;
using Booster.Runtime.Configuration;

namespace Booster.Runtime.Tests.Configuration;

public class EngineSettingsCheckTests
{
    private static readonly WasmtimeMemorySettings Upstream = WasmtimeMemorySettings.Resolve(false, null, null, null);

    [Fact]
    public void UpstreamDefaultsReserveTheSeedsFourGigabytesPlusGuards() =>
        EngineSettingsCheck.ReservedPerInstance(Upstream).Should().Be(0x104000000UL);

    [Fact]
    public void TunedDefaultsReserveLittleMoreThanOneMegabyte() =>
        EngineSettingsCheck.ReservedPerInstance(WasmtimeMemorySettings.Tuned).Should().BeInRange(1UL << 20, 2UL << 20);

    [Fact]
    public void WithoutALimitOrAbsurdSizesThereIsNothingToReport()
    {
        EngineSettingsCheck.Check(WasmtimeMemorySettings.Tuned, null, 50UL << 30).Should().BeEmpty();
        EngineSettingsCheck.Check(Upstream, 100UL << 30, 50UL << 30).Should().BeEmpty();
    }

    [Fact]
    public void AReservationBeyondWhatAProcessCanMapIsReported()
    {
        var huge = WasmtimeMemorySettings.Resolve(true, 1UL << 46, 1UL << 46, null);

        EngineSettingsCheck.Check(huge, null, 0).Should().ContainSingle()
            .Which.Should().Contain(BoosterVariables.WasmtimeMemoryReservation).And.Contain("more than a process can map");
    }

    [Fact]
    public void AnInstanceThatCannotFitTheAddressSpaceLeftIsReported()
    {
        var problems = EngineSettingsCheck.Check(WasmtimeMemorySettings.Resolve(true, null, 60UL << 30, null), 100UL << 30, 54UL << 30);

        problems.Should().ContainSingle().Which.Should().Contain("RLIMIT_AS 100Gi").And.Contain("only 46Gi is left");
    }
}
