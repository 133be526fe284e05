using System.Collections.Concurrent;
using System.Diagnostics;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Observability;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// Turns module bytes into validated machine code: from the compiled-code cache when it holds
/// them, otherwise by compiling (then the code is cached, off the path to ready:
/// <see cref="CacheWriter"/>). Compilations run at most one per core at once. Identical bytes
/// (same key: sha256, text or binary) are compiled and validated once: loads of identical
/// modules, at the same time or later, share the result.
/// </summary>
internal sealed class CompiledModules(
    WasmEngine engine,
    ModuleValidator validator,
    CompiledCodeCache cache,
    FirstScan firstScan,
    RuntimeMetrics metrics,
    ILogger<CacheWriter> writerLogger)
{
    /// <summary>Results no module refers to any more are kept this long, so that a copy arriving soon after still shares.</summary>
    private static readonly TimeSpan KeepUnused = TimeSpan.FromSeconds(30);

    /// <summary>Compilations (or cache reads) at once: one per core.</summary>
    public static int Parallelism { get; } = Environment.ProcessorCount;

    private readonly SemaphoreSlim _compileSlots = new(Parallelism);
    private readonly ConcurrentDictionary<CacheKey, Known> _known = new();
    private readonly string _fingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, engine.Memory);

    /// <summary>Cache writes of compiled code, which start once the first scan is over.</summary>
    public CacheWriter CacheWrites { get; } = new(cache, firstScan.Finished, writerLogger);

    /// <summary>The code for a module's bytes, and whether it was shared with an identical module rather than produced for this one.</summary>
    public async Task<(ModuleCode Code, bool Shared)> GetAsync(string name, string path, ReadOnlyMemory<byte> content, string sha256)
    {
        var key = CacheKey.For(sha256, ModuleCompiler.IsText(path), _fingerprint);
        var mine = new TaskCompletionSource<ModuleCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var known = _known.GetOrAdd(key, _ => new Known(sha256, mine.Task));
        if (!ReferenceEquals(known.Code, mine.Task))
        {
            return (await known.Code, true);
        }
        try
        {
            mine.SetResult(await ProduceAsync(key, name, path, content));
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _known.TryRemove(key, out _);
        }
        return (await mine.Task, false);
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

    private async Task<ModuleCode> ProduceAsync(CacheKey key, string name, string path, ReadOnlyMemory<byte> content)
    {
        Module module;
        CodeOrigin origin;
        await _compileSlots.WaitAsync();
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (cache.TryLoad(key, engine.Engine, name) is { } cached)
            {
                (module, origin) = (cached, CodeOrigin.Cache);
            }
            else
            {
                (module, origin) = (ModuleCompiler.CompileCode(engine.Engine, name, path, content.Span), CodeOrigin.Compiled);
                metrics.Compiled();
            }
        }
        catch (WasmtimeException e)
        {
            metrics.Compiled();
            return ModuleCode.Rejected(FailureClassifier.RootCause(e.Message), Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _compileSlots.Release();
        }
        var compileTime = Stopwatch.GetElapsedTime(started);

        if (validator.Validate(module) is { } reason)
        {
            module.Dispose();
            return ModuleCode.Rejected(reason, compileTime);
        }
        // Only code that passed is kept: a restart loads it without compiling.
        if (origin == CodeOrigin.Compiled) CacheWrites.Write(key, module);
        return new ModuleCode(module, null, origin, compileTime);
    }

    private sealed class Known(string sha256, Task<ModuleCode> code)
    {
        public string Sha256 { get; } = sha256;
        public Task<ModuleCode> Code { get; } = code;
        public long? UnusedSince { get; set; }
    }
}
