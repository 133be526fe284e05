using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Execution;
using Wasmtime;

namespace Booster.Runtime.Capacity;

/// <summary>
/// Measures what live instances cost in memory maps and address space under this engine's
/// settings, by keeping a few instances of a one-page WASI command alive and reading
/// /proc/self before and after.
/// </summary>
internal static class InstanceCostProbe
{
    private const int Instances = 4;

    /// <summary>
    /// Maps a guest's memory adds when it outgrows its warm region: it moves to a mapping of its
    /// own (the memory and its guard) while the region it left stays mapped, kept warm. The
    /// probe's one-page memories never move, so the measurement cannot show these two.
    /// </summary>
    public const double MapsWhenMemoryMoves = 2;

    private const string ProbeModule = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
          (memory (export "memory") 1)
          (table 1 funcref)
          (func (export "_start")))
        """;

    public static InstanceCost Measure(WasmEngine engine, WasmtimeMemorySettings memory, long maxMemoryBytes)
    {
        using var module = Module.FromText(engine.Engine, "booster-probe", ProbeModule);
        var stores = new List<Store>();
        try
        {
            var mapsBefore = SystemLimits.CountMaps() ?? 0;
            var spaceBefore = SystemLimits.ReadVirtualMemoryBytes() ?? 0;
            for (var i = 0; i < Instances; i++)
            {
                var store = new Store(engine.Engine);
                stores.Add(store);
                store.SetWasiConfiguration(new WasiConfiguration());
                store.SetEpochDeadline(WasmEngine.TicksFor(TimeSpan.FromSeconds(10)));
                engine.Linker.Instantiate(store, module);
            }
            var maps = Math.Max(0, (SystemLimits.CountMaps() ?? 0) - mapsBefore) / (double)Instances;
            var measured = (ulong)Math.Max(0, (SystemLimits.ReadVirtualMemoryBytes() ?? 0) - spaceBefore) / Instances;

            // The probe's memory is one page; a guest may grow to BOOSTER_MAX_MEMORY_BYTES, and
            // that much must be counted for every admitted execution.
            var worstCase = EngineSettingsCheck.ReservedPerInstance(memory, (ulong)maxMemoryBytes);
            return new InstanceCost(Math.Ceiling(maps) + MapsWhenMemoryMoves, Math.Max(measured, worstCase));
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
        }
    }
}
