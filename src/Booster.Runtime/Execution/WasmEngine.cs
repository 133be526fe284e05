using Booster.Contract;
using Booster.Runtime.DataImports;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Execution.WarmPool;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// The process-wide Wasmtime engine and WASI linker. Both are thread-safe and shared by
/// every execution; only Stores are per execution.
/// </summary>
internal sealed class WasmEngine : IDisposable
{
    /// <summary>How often the epoch advances; execution deadlines are counted in these ticks.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private readonly EpochTicker _ticker;

    public Engine Engine { get; }
    public Linker Linker { get; }

    /// <summary>Instantiation with the imports resolved once per module.</summary>
    public PreparedModules Prepared { get; }

    /// <summary>
    /// For modules with read-only folders (per-module <c>files</c>): as <see cref="Linker"/>, but
    /// <c>fd_read</c> is Wasmtime's own, which reads the files a guest opens there (and stdin,
    /// given to Wasmtime's WASI context by <see cref="Wasi.ReadOnlyFolders"/>). A host function
    /// cannot hand a descriptor over to Wasmtime's: called from the host, Wasmtime's WASI finds no
    /// guest memory.
    /// </summary>
    public Linker FilesLinker { get; }

    /// <summary>As <see cref="Prepared"/>, on <see cref="FilesLinker"/>.</summary>
    public PreparedModules FilesPrepared { get; }

    public WasmtimeMemorySettings Memory { get; }

    /// <summary>What each Store created on this engine may hold.</summary>
    public GuestLimits Limits { get; }

    /// <summary>Version of the Wasmtime package this runtime embeds.</summary>
    public static string WasmtimeVersion { get; } = ReadWasmtimeVersion();

    /// <summary>Name of the instance allocator, reported by <c>/info</c>.</summary>
    public string Allocator => UsesWarmMemoryPool ? "on-demand, linear memories from a warm pool" : "on-demand";

    /// <summary>True when linear memories come from <see cref="WarmMemoryPool"/>.</summary>
    public bool UsesWarmMemoryPool { get; }

    /// <param name="memory">Effective memory settings.</param>
    /// <param name="maxMemoryBytes">BOOSTER_MAX_MEMORY_BYTES: the warm pool maps no memory larger.</param>
    /// <param name="warmRegions">Free regions the warm pool keeps (about the executions admitted at once); 0 turns it off.</param>
    /// <param name="maxTableElements">BOOSTER_MAX_TABLE_ELEMENTS.</param>
    /// <param name="dataImports">The guest data imports; null defines them answering their error codes.</param>
    public WasmEngine(WasmtimeMemorySettings memory, long maxMemoryBytes = RuntimeSettings.Defaults.MaxMemoryBytes, int warmRegions = 16,
        int maxTableElements = RuntimeSettings.Defaults.MaxTableElements, DataImportHost? dataImports = null)
    {
        Memory = memory;
        Limits = new GuestLimits(maxMemoryBytes, maxTableElements);
        using var config = new Config().WithEpochInterruption(true);
        // Null means "keep Wasmtime's upstream default": the setter is not called at all.
        if (memory.GuardSize is { } guard) config.WithMemoryGuardSize(guard);
        // Despite its name, this setter is Wasmtime's `memory_reservation`.
        if (memory.Reservation is { } reservation) config.WithStaticMemoryMaximumSize(reservation);
        if (memory.ReservationForGrowth is { } growth) config.WithMemoryReservationForGrowth(growth);
        // The pool moves memories that outgrow a region, which Wasmtime allows only when it
        // reserves nothing up front: with the tuned reservation of 0, not with upstream defaults.
        // The memory creator is installed either way: it charges every memory to its execution.
        UsesWarmMemoryPool = warmRegions > 0 && memory.Reservation == 0;
        WarmMemoryPool.Install(config, memory.ReservationForGrowth ?? 0, (ulong)maxMemoryBytes, warmRegions, UsesWarmMemoryPool);

        Engine = new Engine(config);
        var imports = dataImports ?? DataImportHost.Disabled();
        Linker = NewLinker(Engine, imports, serveStdin: true);
        Prepared = new PreparedModules(Linker);
        FilesLinker = NewLinker(Engine, imports, serveStdin: false);
        FilesPrepared = new PreparedModules(FilesLinker);
        _ticker = new EpochTicker(Engine, EpochTick);
    }

    private static Linker NewLinker(Engine engine, DataImportHost imports, bool serveStdin)
    {
        var linker = new Linker(engine);
        linker.DefineWasi();
        // Booster serves these WASI functions itself, over Wasmtime's definitions.
        linker.AllowShadowing = true;
        StdioFunctions.Define(linker, serveStdin);
        ArgumentFunctions.Define(linker);
        ClockFunctions.Define(linker);
        linker.AllowShadowing = false;
        imports.Define(linker);
        return linker;
    }

    /// <summary>Epoch ticks that cover a wall-clock budget (one extra: the first tick may come at once).</summary>
    public static ulong TicksFor(TimeSpan budget) => (ulong)Math.Ceiling(budget / EpochTick) + 1;

    public void Dispose()
    {
        _ticker.Dispose();
        Linker.Dispose();
        Engine.Dispose();
    }

    private static string ReadWasmtimeVersion()
    {
        var attribute = typeof(Engine).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault();
        return attribute?.InformationalVersion.Split('+')[0] ?? "unknown";
    }
}
