using Wasmtime;

namespace Booster.Runtime.Execution.Limits;

/// <summary>
/// What one Store may hold: table elements per table (BOOSTER_MAX_TABLE_ELEMENTS) and how many
/// instances, tables and memories it may create. A WASI command needs one instance and one
/// memory; the counts stop a module from multiplying host allocations and memory maps (each
/// memory costs maps, which admission budgets for) while leaving room for multi-memory and
/// reference-types modules. Linear-memory bytes are bounded by <see cref="MemoryBudget"/>.
/// </summary>
internal sealed record GuestLimits(long MaxMemoryBytes, int MaxTableElements)
{
    public const int MaxInstances = 1;
    public const int MaxTables = 8;
    public const int MaxMemories = 4;

    /// <summary>
    /// Sets the Store's limits. For an execution the memory creator charges every memory to the
    /// execution's <see cref="MemoryBudget"/> (all memories together, refusals recorded), so
    /// <paramref name="perMemoryLimit"/> is null; elsewhere (a test instantiation at load) each
    /// memory is held to it by the Store.
    /// </summary>
    public void ApplyTo(Store store, long? perMemoryLimit) => store.SetLimits(
        memorySize: perMemoryLimit,
        tableElements: (uint)MaxTableElements,
        instances: MaxInstances,
        tables: MaxTables,
        memories: MaxMemories);
}
