using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Execution;
using Booster.Runtime.Tests.Support;
using Wasmtime;

namespace Booster.Runtime.Tests.Execution;

/// <summary>
/// The memory settings reach Wasmtime's engine: checked by what a live instance actually
/// reserves in this process's address space, not by reading back our own objects.
/// </summary>
[Collection(SerialCollection.Name)]
public class EngineSettingsBehaviourTests
{
    [Fact]
    public void TunedDefaultsReserveAboutOneMegabytePerInstance()
    {
        var reserved = AddressSpaceOfOneLiveInstance(WasmtimeMemorySettings.Tuned);

        reserved.Should().BeLessThan(64L << 20);
    }

    [Fact]
    public void UpstreamDefaultsReserveAboutFourGigabytesPerInstance()
    {
        var reserved = AddressSpaceOfOneLiveInstance(WasmtimeMemorySettings.Resolve(false, null, null, null));

        reserved.Should().BeGreaterThanOrEqualTo(4L << 30);
    }

    [Theory]
    [InlineData(2UL << 30, null, null)]
    [InlineData(null, 1UL << 30, null)]
    [InlineData(null, null, 1UL << 30)]
    public void EachExplicitSettingChangesWhatAnInstanceReserves(ulong? reservation, ulong? guard, ulong? growth)
    {
        var settings = WasmtimeMemorySettings.Resolve(true, guard, reservation, growth);

        var reserved = AddressSpaceOfOneLiveInstance(settings);

        reserved.Should().BeGreaterThanOrEqualTo((long)(reservation ?? guard ?? growth)!.Value);
        reserved.Should().BeLessThan((long)EngineSettingsCheck.ReservedPerInstance(settings) + (64L << 20));
    }

    /// <summary>Address space that appears while one instance of a one-page module is alive.</summary>
    private static long AddressSpaceOfOneLiveInstance(WasmtimeMemorySettings memory)
    {
        using var engine = new WasmEngine(memory);
        using var module = Module.FromText(engine.Engine, "one-page", Wat.Prints("x"));
        using var store = new Store(engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        store.SetEpochDeadline(WasmEngine.TicksFor(TimeSpan.FromSeconds(10)));
        var before = SystemLimits.ReadVirtualMemoryBytes()!.Value;
        engine.Linker.Instantiate(store, module);
        var after = SystemLimits.ReadVirtualMemoryBytes()!.Value;
        return after - before;
    }
}
