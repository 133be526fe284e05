using Booster.Contract;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Native;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Execution.WarmPool;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// The process-wide Wasmtime engines and WASI linkers: the optimizing compiler's (Cranelift)
/// always, and the baseline compiler's (Winch) when BOOSTER_COMPILER asks for baseline code.
/// Both have the same settings where they matter to a guest — epoch interruption, memory
/// settings, the warm memory pool, the WASI and data-import definitions, the limits — and
/// differ only in the compiler (and in that, when tiered, the optimizing engine compiles on the
/// calling thread alone, so that background compilation keeps to its one low-priority thread).
/// Engines and linkers are thread-safe and shared by every execution; only Stores are per
/// execution, made on the engine of the tier whose code runs (<see cref="For"/>).
/// </summary>
internal sealed class WasmEngine : IDisposable
{
    /// <summary>How often the epoch advances; execution deadlines are counted in these ticks.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private readonly EpochTicker _ticker;

    /// <summary>The optimizing compiler's engine; always there.</summary>
    public TierEngine Optimized { get; }

    /// <summary>The baseline compiler's engine; null when BOOSTER_COMPILER is optimized.</summary>
    public TierEngine? Baseline { get; }

    /// <summary>The compiler mode in force.</summary>
    public CompilerMode Mode { get; }

    /// <summary>The optimizing engine (what code that is not tiered uses).</summary>
    public Engine Engine => Optimized.Engine;

    /// <summary>The optimizing engine's linker.</summary>
    public Linker Linker => Optimized.Linker;

    /// <summary>Instantiation with the imports resolved once per module, for optimized code.</summary>
    public PreparedModules Prepared => Optimized.Prepared;

    public WasmtimeMemorySettings Memory { get; }

    /// <summary>What each Store created on these engines may hold.</summary>
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
    /// <param name="defineImports">Defines the host's own imports (the guest data imports) on every linker; null: none.</param>
    /// <param name="compiler">The effective BOOSTER_COMPILER.</param>
    public WasmEngine(WasmtimeMemorySettings memory, long maxMemoryBytes = RuntimeSettings.Defaults.MaxMemoryBytes, int warmRegions = 16,
        int maxTableElements = RuntimeSettings.Defaults.MaxTableElements, Action<Linker>? defineImports = null,
        CompilerMode compiler = CompilerMode.Optimized)
    {
        Memory = memory;
        Mode = compiler;
        Limits = new GuestLimits(maxMemoryBytes, maxTableElements);
        // The pool moves memories that outgrow a region, which Wasmtime allows only when it
        // reserves nothing up front: with the tuned reservation of 0, not with upstream defaults.
        // The memory creator is installed either way: it charges every memory to its execution.
        UsesWarmMemoryPool = warmRegions > 0 && memory.Reservation == 0;
        defineImports ??= _ => { };
        Optimized = NewTier(CodeTier.Optimized, memory, maxMemoryBytes, warmRegions, UsesWarmMemoryPool, defineImports,
            parallelCompilation: compiler != CompilerMode.Tiered);
        if (compiler != CompilerMode.Optimized)
        {
            Baseline = NewTier(CodeTier.Baseline, memory, maxMemoryBytes, warmRegions, UsesWarmMemoryPool, defineImports, parallelCompilation: true);
        }
        _ticker = new EpochTicker(Baseline is null ? [Optimized.Engine] : [Optimized.Engine, Baseline.Engine], EpochTick);
    }

    /// <summary>The engine, linker and prepared instantiation for code of <paramref name="tier"/>.</summary>
    public TierEngine For(CodeTier tier) =>
        tier == CodeTier.Baseline ? Baseline ?? throw new InvalidOperationException("no baseline engine: BOOSTER_COMPILER is optimized") : Optimized;

    /// <summary>Epoch ticks that cover a wall-clock budget (one extra: the first tick may come at once).</summary>
    public static ulong TicksFor(TimeSpan budget) => (ulong)Math.Ceiling(budget / EpochTick) + 1;

    public void Dispose()
    {
        _ticker.Dispose();
        Baseline?.Dispose();
        Optimized.Dispose();
    }

    private static TierEngine NewTier(CodeTier tier, WasmtimeMemorySettings memory, long maxMemoryBytes, int warmRegions,
        bool useWarmPool, Action<Linker> defineImports, bool parallelCompilation)
    {
        using var config = new Config().WithEpochInterruption(true);
        // Null means "keep Wasmtime's upstream default": the setter is not called at all.
        if (memory.GuardSize is { } guard) config.WithMemoryGuardSize(guard);
        // Despite its name, this setter is Wasmtime's `memory_reservation`.
        if (memory.Reservation is { } reservation) config.WithStaticMemoryMaximumSize(reservation);
        if (memory.ReservationForGrowth is { } growth) config.WithMemoryReservationForGrowth(growth);
        WarmMemoryPool.Install(config, memory.ReservationForGrowth ?? 0, (ulong)maxMemoryBytes, warmRegions, useWarmPool);
        var handle = WasmtimeHandles.Of(config);
        WasmtimeNative.wasmtime_config_strategy_set(handle, tier == CodeTier.Baseline ? WasmtimeNative.StrategyWinch : WasmtimeNative.StrategyCranelift);
        if (!parallelCompilation) WasmtimeNative.wasmtime_config_parallel_compilation_set(handle, false);

        var engine = new Engine(config);
        return new TierEngine(tier, engine, NewLinker(engine, defineImports, serveStdin: true), NewLinker(engine, defineImports, serveStdin: false));
    }

    /// <param name="serveStdin">
    /// False for modules with read-only folders (per-module <c>files</c>): their <c>fd_read</c> is
    /// Wasmtime's own, which reads the files a guest opens there (and stdin, given to Wasmtime's WASI
    /// context by <see cref="ReadOnlyFolders"/>). A host function cannot hand a descriptor over to
    /// Wasmtime's: called from the host, Wasmtime's WASI finds no guest memory.
    /// </param>
    private static Linker NewLinker(Engine engine, Action<Linker> defineImports, bool serveStdin)
    {
        var linker = new Linker(engine);
        linker.DefineWasi();
        // Booster serves these WASI functions itself, over Wasmtime's definitions.
        linker.AllowShadowing = true;
        StdioFunctions.Define(linker, serveStdin);
        ArgumentFunctions.Define(linker);
        ClockFunctions.Define(linker);
        linker.AllowShadowing = false;
        defineImports(linker);
        return linker;
    }

    private static string ReadWasmtimeVersion()
    {
        var attribute = typeof(Engine).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault();
        return attribute?.InformationalVersion.Split('+')[0] ?? "unknown";
    }
}
