using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Observability;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// Turns module bytes — a core module's or a component's, alike — into validated machine code:
/// from the compiled-code cache when it holds them, otherwise by compiling — with the baseline compiler (Winch) first when BOOSTER_COMPILER
/// is tiered or baseline, with the optimizing one (Cranelift) when it is optimized or Winch
/// refuses the module. When tiered, a module served on baseline code gets optimized code in the
/// background (<see cref="BackgroundCompilations"/>), which then replaces the baseline code in
/// one swap for every module serving it. The cache keeps the code a module ends with: optimized
/// code (baseline code only when BOOSTER_COMPILER is baseline), written off the path to ready
/// (<see cref="CacheWriter"/>). Compilations on the path to ready run at most one per core at
/// once. Identical bytes (same key: sha256, text or binary) are compiled and validated once:
/// loads of identical modules, at the same time or later, share the result.
/// </summary>
internal sealed partial class CompiledModules
{
    /// <summary>Results no module refers to any more are kept this long, so that a copy arriving soon after still shares.</summary>
    private static readonly TimeSpan KeepUnused = TimeSpan.FromSeconds(30);

    /// <summary>Compilations (or cache reads) at once on the path to ready: one per core.</summary>
    public static int Parallelism { get; } = Environment.ProcessorCount;

    private readonly WasmEngine _engine;
    private readonly ModuleValidator _validator;
    private readonly CompiledCodeCache _cache;
    private readonly ModuleStore _store;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<CompiledModules> _logger;
    private readonly SemaphoreSlim _compileSlots = new(Parallelism);
    private readonly ConcurrentDictionary<CacheKey, Known> _known = new();
    private readonly string _optimizedFingerprint;
    private readonly string _baselineFingerprint;

    public CompiledModules(WasmEngine engine, ModuleValidator validator, CompiledCodeCache cache, ModuleStore store, FirstScan firstScan,
        RuntimeMetrics metrics, ILogger<CacheWriter> writerLogger, ILogger<CompiledModules> logger)
    {
        _engine = engine;
        _validator = validator;
        _cache = cache;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _optimizedFingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, engine.Memory, CodeTier.Optimized);
        _baselineFingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, engine.Memory, CodeTier.Baseline);
        CacheWrites = new CacheWriter(cache, firstScan.Finished, writerLogger);
        // Baseline code replaced by optimized code is freed once no execution holds it: a
        // collection after each batch finds the modules nothing refers to any more.
        Background = new BackgroundCompilations(firstScan.Finished, e => LogBackgroundFailed(e.Message),
            () => GC.Collect(2, GCCollectionMode.Forced, blocking: false));
    }

    /// <summary>Cache writes of compiled code, which start once the first scan is over.</summary>
    public CacheWriter CacheWrites { get; }

    /// <summary>Optimized code compiled in the background for modules served on baseline code.</summary>
    public BackgroundCompilations Background { get; }

    /// <summary>The code for a module's bytes, and whether it was shared with an identical module rather than produced for this one.</summary>
    public async Task<(ModuleCode Code, bool Shared)> GetAsync(string name, string path, ReadOnlyMemory<byte> content, string sha256)
    {
        var isText = ModuleCompiler.IsText(path);
        var key = CacheKey.For(sha256, isText, _optimizedFingerprint);
        var mine = new TaskCompletionSource<ModuleCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = new object();
        var known = _known.GetOrAdd(key, _ => new Known(key, sha256, mine.Task, token));
        if (!ReferenceEquals(known.Producer, token))
        {
            return (await known.Code, true);
        }
        try
        {
            mine.SetResult(await ProduceAsync(key, CacheKey.For(sha256, isText, _baselineFingerprint), name, path, content));
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _known.TryRemove(key, out _);
        }
        return (await mine.Task, false);
    }

    /// <summary>
    /// Called once a module serves <paramref name="code"/>: when that is baseline code and the
    /// mode is tiered, its optimized code is compiled in the background (once per identical
    /// bytes); when the optimized code arrived meanwhile, it is served at once.
    /// </summary>
    public void Served(LoadedModule module, ModuleCode code)
    {
        if (code.Tier == CodeTier.Baseline && _engine.Mode == CompilerMode.Tiered && code.Code is { } baseline
            && _known.TryGetValue(CacheKey.For(module.Sha256, ModuleCompiler.IsText(module.FilePath), _optimizedFingerprint), out var known))
        {
            if (known.Optimized is { Code: { } optimized })
            {
                Replace(baseline, optimized);
                return;
            }
            if (Interlocked.Exchange(ref known.OptimizationQueued, 1) == 0) Background.Post(() => Optimize(known.Key, known, baseline));
        }
        CountTiers();
    }

    /// <summary>Drops results that no module and no rejection refers to any more.</summary>
    public void Forget(IReadOnlySet<string> sha256InUse)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (key, known) in _known)
        {
            if (!known.Code.IsCompleted) continue;
            if (sha256InUse.Contains(known.Sha256))
            {
                known.UnusedSince = null;
                continue;
            }
            known.UnusedSince ??= now;
            if (Stopwatch.GetElapsedTime(known.UnusedSince.Value, now) > KeepUnused) _known.TryRemove(key, out _);
        }
    }

    private async Task<ModuleCode> ProduceAsync(CacheKey optimizedKey, CacheKey baselineKey, string name, string path, ReadOnlyMemory<byte> content)
    {
        var component = ModuleCompiler.IsComponent(path, content.Span);
        IDisposable module;
        CodeOrigin origin;
        CodeTier tier;
        await _compileSlots.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_cache.TryLoad(optimizedKey, _engine.Optimized.Engine, name, component) is { } optimized)
            {
                (module, origin, tier) = (optimized, CodeOrigin.Cache, CodeTier.Optimized);
            }
            else if (_engine.Mode == CompilerMode.Baseline && _cache.TryLoad(baselineKey, _engine.For(CodeTier.Baseline).Engine, name, component) is { } baseline)
            {
                (module, origin, tier) = (baseline, CodeOrigin.Cache, CodeTier.Baseline);
            }
            else
            {
                (module, tier) = Compile(name, path, content.Span);
                origin = CodeOrigin.Compiled;
            }
        }
        catch (WasmtimeException e)
        {
            return ModuleCode.Rejected(FailureClassifier.RootCause(e.Message), Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _compileSlots.Release();
        }
        var compileTime = Stopwatch.GetElapsedTime(started);

        if (_validator.Validate(module, tier) is { } reason)
        {
            module.Dispose();
            return ModuleCode.Rejected(reason, compileTime);
        }
        // Only code that passed is kept, and only the code a module ends with: a restart loads it without compiling.
        if (origin == CodeOrigin.Compiled && (tier == CodeTier.Optimized || _engine.Mode == CompilerMode.Baseline))
        {
            CacheWrites.Write(tier == CodeTier.Optimized ? optimizedKey : baselineKey, module);
        }
        return ModuleCode.Of(module, origin, compileTime, tier);
    }

    /// <summary>Baseline code when the mode asks for it and Winch accepts the module; otherwise optimized code. Throws when neither compiles.</summary>
    private (IDisposable Code, CodeTier Tier) Compile(string name, string path, ReadOnlySpan<byte> content)
    {
        if (_engine.Baseline is { } baseline)
        {
            try
            {
                var module = ModuleCompiler.CompileAny(baseline.Engine, name, path, content);
                _metrics.Compiled(CodeTier.Baseline);
                return (module, CodeTier.Baseline);
            }
            catch (WasmtimeException e)
            {
                // Winch lacks some features Cranelift has (see docs/performance.md); such a module
                // gets optimized code at once. Invalid bytes fail below too, with Cranelift's reason.
                _metrics.BaselineRefused();
                LogBaselineRefused(name, FailureClassifier.RootCause(e.Message));
            }
        }
        _metrics.Compiled(CodeTier.Optimized);
        return (ModuleCompiler.CompileAny(_engine.Optimized.Engine, name, path, content), CodeTier.Optimized);
    }

    /// <summary>
    /// Background work: optimized code for baseline code still served, from the bytes of a file
    /// that serves it (read again, and used only if they are still the same bytes), then one swap.
    /// </summary>
    private void Optimize(CacheKey key, Known known, IDisposable baseline)
    {
        if (_store.Serving(baseline) is not { } served) return; // reloaded or removed meanwhile
        IDisposable optimized;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = PooledBytes.ReadFile(served.FilePath);
            if (Convert.ToHexStringLower(SHA256.HashData(content.Span)) != served.Sha256) return; // changed: the watcher reloads it
            optimized = ModuleCompiler.CompileAny(_engine.Optimized.Engine, served.Name, served.FilePath, content.Span);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            // The baseline code keeps serving.
            LogOptimizationFailed(served.Name, FailureClassifier.RootCause(e.Message));
            return;
        }
        _metrics.Compiled(CodeTier.Optimized);
        known.Optimized = ModuleCode.Of(optimized, CodeOrigin.Compiled, Stopwatch.GetElapsedTime(started), CodeTier.Optimized);
        known.Code = Task.FromResult(known.Optimized);
        Replace(baseline, optimized);
        CacheWrites.Write(key, optimized);
    }

    private void Replace(IDisposable baseline, IDisposable optimized)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var module in _store.ReplaceCode(baseline, optimized, now))
        {
            _metrics.Optimized(now - module.LoadedAt);
            LogOptimized(module.Name, (now - module.LoadedAt).TotalMilliseconds);
        }
        CountTiers();
    }

    private void CountTiers()
    {
        var modules = _store.All;
        var baseline = modules.Count(m => m.Tier == CodeTier.Baseline);
        _metrics.ModulesServed(baseline, modules.Count - baseline);
    }

    /// <summary>What is known of some bytes: the code produced for them, and later their optimized code.</summary>
    private sealed class Known(CacheKey key, string sha256, Task<ModuleCode> code, object producer)
    {
        public CacheKey Key { get; } = key;

        public string Sha256 { get; } = sha256;

        /// <summary>Identifies the load that produces the code; the others share it.</summary>
        public object Producer { get; } = producer;

        /// <summary>The code loads of these bytes get; replaced by the optimized code once there (the baseline code is then no longer held here).</summary>
        public Task<ModuleCode> Code { get => Volatile.Read(ref _code); set => Volatile.Write(ref _code, value); }

        private Task<ModuleCode> _code = code;

        /// <summary>The optimized code compiled in the background; null until then.</summary>
        public ModuleCode? Optimized { get => Volatile.Read(ref _optimized); set => Volatile.Write(ref _optimized, value); }

        private ModuleCode? _optimized;

        /// <summary>1 once the optimization is queued.</summary>
        public int OptimizationQueued;

        public long? UnusedSince { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Name}: the baseline compiler cannot compile it ({Cause}); it gets optimized code at once")]
    private partial void LogBaselineRefused(string name, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Name} now runs optimized code, {Ms:F0} ms after it was served")]
    private partial void LogOptimized(string name, double ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module {Name}: optimized code not made ({Cause}); its baseline code keeps serving")]
    private partial void LogOptimizationFailed(string name, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background compilation failed unexpectedly: {Cause}")]
    private partial void LogBackgroundFailed(string cause);
}
