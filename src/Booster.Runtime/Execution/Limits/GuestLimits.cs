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

    /// <summary>
    /// Core instances of one component run: a component is several core modules linked together
    /// (the guest, the WASI adapter, the shims between them), and Wasmtime counts each.
    /// </summary>
    public const int MaxComponentInstances = 64;

    /// <summary>Tables and memories of one component run, all its core instances together.</summary>
    public const int MaxComponentTables = 32, MaxComponentMemories = 8;

    public const int MaxTables = 8;
    public const int MaxMemories = 4;

    /// <summary>
    /// Sets the Store's limits. For an execution the memory creator charges every memory to the
    /// execution's <see cref="MemoryBudget"/> (all memories together, refusals recorded), so
    /// <paramref name="perMemoryLimit"/> is null; elsewhere (a test instantiation at load) each
    /// memory is held to it by the Store.
    /// </summary>
    /// <param name="component">True for a component's Store, which holds several core instances.</param>
    public void ApplyTo(Store store, long? perMemoryLimit, bool component = false) => store.SetLimits(
        memorySize: perMemoryLimit,
        tableElements: (uint)MaxTableElements,
        instances: component ? MaxComponentInstances : MaxInstances,
        tables: component ? MaxComponentTables : MaxTables,
        memories: component ? MaxComponentMemories : MaxMemories);
}
