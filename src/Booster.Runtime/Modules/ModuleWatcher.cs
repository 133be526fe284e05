using System.Security.Cryptography;
using System.Threading.Channels;
using Booster.Contract;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Modules;

/// <summary>
/// Keeps the <see cref="ModuleStore"/> in step with BOOSTER_PATH (one file or a directory):
/// loads everything at start, then reloads on file-system events and, as a fallback for
/// volumes whose events are unreliable (ConfigMap symlink swaps, network file systems), on a
/// periodic rescan. A scan only decides what changed; each changed file loads on its own
/// (several at once, compilation one per core in <see cref="CompiledModules"/>), so a slow or
/// broken module never holds up the others, and a scan never waits for a load. A file that
/// fails is rejected with its reason; a broken replacement leaves the last good version serving.
/// </summary>
internal sealed partial class ModuleWatcher(
    RuntimeSettings settings,
    CompiledModules compiled,
    ModuleStore store,
    FirstScan firstScan,
    RuntimeMetrics metrics,
    ILogger<ModuleWatcher> logger) : BackgroundService
{
    /// <summary>How often the path is rescanned when no event arrives.</summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Loads in progress at once. It bounds the file contents held in memory and the start
    /// functions running together; compilation itself is bounded to one per core.
    /// </summary>
    public static int LoadParallelism { get; } = Math.Max(4, 4 * Environment.ProcessorCount);

    /// <summary>Events come in bursts while a file is written; wait for the burst to end.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _loadSlots = new(LoadParallelism);

    private readonly Lock _state = new();

    /// <summary>What was last settled of each file (loaded or rejected), so unchanged files are not loaded again.</summary>
    private readonly Dictionary<string, FileStamp> _seen = new(StringComparer.Ordinal);

    /// <summary>Files being loaded now, and the loads themselves (awaited at shutdown).</summary>
    private readonly Dictionary<string, Task> _loading = new(StringComparer.Ordinal);

    /// <summary>Completed once every file of the first scan is loaded or rejected.</summary>
    public Task InitialScan => firstScan.Finished;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var target = ModulePath.Resolve(settings.ModulePath);
        using var watcher = CreateWatcher(target);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            Task loads;
            try
            {
                loads = Scan(target, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(settings.ModulePath, e.Message);
                loads = Task.CompletedTask;
            }
            if (first)
            {
                first = false;
                _ = FinishFirstScanAsync(loads);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(RescanInterval);
            try
            {
                await _wake.Reader.ReadAsync(timeout.Token);
                await Task.Delay(Debounce, stoppingToken);
                while (_wake.Reader.TryRead(out _)) { }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Periodic rescan.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Loads and cache writes use the engine, which is disposed after this service stops:
        // let them end first.
        Task[] remaining;
        lock (_state) remaining = [.. _loading.Values];
        await Task.WhenAll(remaining);
        await compiled.Background.StopAsync();
        await compiled.CacheWrites.StopAsync();
    }

    /// <summary>One pass: start loads of new and changed files, drop deleted ones. Returns the loads it started.</summary>
    private Task Scan(ModulePath target, CancellationToken stopping)
    {
        var plan = ScanPlan.For(target.ListModuleFiles());
        foreach (var (name, file) in plan.BadlyNamed) RejectBadName(name, file);

        var started = new List<Task>();
        foreach (var (name, file) in plan.Files)
        {
            if (StartLoadIfChanged(name, file, stopping) is { } load) started.Add(load);
        }
        if (firstScan.Files < 0) firstScan.Listed(started.Count);

        foreach (var name in plan.Removed(store.All.Select(m => m.Name)))
        {
            if (store.Find(name) is not { } module) continue;
            store.Remove(name);
            metrics.ModuleEvent("removed");
            LogRemoved(name, module.FilePath);
        }
        store.ForgetRejectionsExcept(plan.Present);
        lock (_state)
        {
            foreach (var path in plan.Unlisted(_seen.Keys)) _seen.Remove(path);
        }
        compiled.Forget(store.All.Select(m => m.Sha256).Concat(store.Rejected.Select(r => r.Sha256).OfType<string>()).ToHashSet(StringComparer.Ordinal));
        return Task.WhenAll(started);
    }

    private Task? StartLoadIfChanged(string name, string file, CancellationToken stopping)
    {
        FileStamp stamp;
        try
        {
            stamp = FileStamp.Of(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Deleted or still being replaced between listing and reading: the next scan sees it.
            LogReadFailed(file, e.Message);
            return null;
        }
        lock (_state)
        {
            FileStamp? settled = _seen.TryGetValue(file, out var previous) ? previous : null;
            if (!ScanPlan.NeedsLoad(stamp, settled, _loading.ContainsKey(file))) return null;
            // The load yields at once and cannot finish before this lock is released.
            var load = LoadBesideScanAsync(name, file, stamp, stopping);
            _loading[file] = load;
            return load;
        }
    }

    /// <summary>
    /// Runs one load beside the scan: waits for a load slot, logs a failure, and afterwards counts
    /// the file settled for the first scan and wakes the next scan if the file changed meanwhile.
    /// </summary>
    private async Task LoadBesideScanAsync(string name, string file, FileStamp stamp, CancellationToken stopping)
    {
        await Task.Yield(); // the scan goes on while this loads
        try
        {
            await _loadSlots.WaitAsync(stopping);
            try
            {
                await ServeFileAsync(name, file, stamp);
            }
            finally
            {
                _loadSlots.Release();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: nothing more to load.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLoadFailed(name, file, e.Message);
        }
        finally
        {
            lock (_state) _loading.Remove(file);
            if (!firstScan.IsFinished) firstScan.FileSettled();
            if (ChangedSince(file, stamp)) _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Reads and hashes the file, then serves its code under <paramref name="name"/> or records why it cannot.</summary>
    private async Task ServeFileAsync(string name, string file, FileStamp stamp)
    {
        PooledBytes content;
        try
        {
            content = PooledBytes.ReadFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogReadFailed(file, e.Message);
            return;
        }

        using (content)
        {
            var current = store.Find(name);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
            if (ScanPlan.ServesAlready(current, file, sha256))
            {
                Settle(file, stamp); // touched, not changed
                return;
            }

            var (code, shared) = await compiled.GetAsync(name, file, content.Memory, sha256);
            Settle(file, stamp);
            if (code.Served)
            {
                var origin = shared ? CodeOrigin.Shared : code.Origin;
                var loaded = new LoadedModule(name, code.Module, file, content.Length, sha256, stamp.ModifiedAt, DateTimeOffset.UtcNow, code.CompileTime, origin)
                {
                    Tier = code.Tier,
                    Component = code.Component,
                };
                store.Set(loaded);
                compiled.Served(loaded, code);
                var action = current is null ? "loaded" : "reloaded";
                metrics.ModuleEvent(action);
                LogLoaded(name, action, file, loaded.Kind, content.Length, sha256[..12], RuntimeMetrics.TierLabel(code.Tier), OriginText(origin), code.CompileTime.TotalMilliseconds);
                return;
            }
            store.Reject(new ModuleRejection(name, file, code.Rejection!, sha256, DateTimeOffset.UtcNow));
            metrics.ModuleEvent("failed");
            if (current is null) LogSkipped(name, file, code.Rejection!);
            else LogKeptPrevious(name, file, code.Rejection!, current.Sha256[..12]);
        }
    }

    private void Settle(string file, FileStamp stamp)
    {
        lock (_state) _seen[file] = stamp;
    }

    private void RejectBadName(string name, string file)
    {
        lock (_state)
        {
            if (!_seen.TryAdd(file, default)) return;
        }
        var reason = $"its name is not a valid module name ({RuntimeSettingsParser.ModuleNameForm})";
        store.Reject(new ModuleRejection(name, file, reason, null, DateTimeOffset.UtcNow));
        LogBadName(file, RuntimeSettingsParser.ModuleNameForm);
    }

    /// <summary>True when the file changed (or went) while it was loading: it needs another look.</summary>
    private static bool ChangedSince(string file, FileStamp stamp)
    {
        try
        {
            return FileStamp.Of(file) != stamp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string OriginText(CodeOrigin origin) => origin switch
    {
        CodeOrigin.Cache => "read from the compiled-code cache",
        CodeOrigin.Shared => "shared with an identical module",
        _ => "compiled",
    };

    private FileSystemWatcher? CreateWatcher(ModulePath target)
    {
        try
        {
            if (!Directory.Exists(target.Directory)) return null;
            var watcher = new FileSystemWatcher(target.Directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
            };
            FileSystemEventHandler wake = (_, _) => _wake.Writer.TryWrite(true);
            watcher.Created += wake;
            watcher.Changed += wake;
            watcher.Deleted += wake;
            watcher.Renamed += (_, _) => _wake.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // inotify limits reached or an exotic file system: the periodic rescan still works.
            LogWatcherUnavailable(target.Directory, e.Message);
            return null;
        }
    }

    private async Task FinishFirstScanAsync(Task loads)
    {
        await loads;
        firstScan.Finish();
        LogFirstScanDone(store.All.Count, store.Rejected.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Name} {Action} from {File} ({Kind}, {Size} bytes, sha256 {Sha}…, {Tier} code {Origin} in {CompileMs:F1} ms)")]
    private partial void LogLoaded(string name, string action, string file, string kind, long size, string sha, string tier, string origin, double compileMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module {Name} skipped: {File} failed to load: {Cause}")]
    private partial void LogSkipped(string name, string file, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module {Name} kept at sha256 {Sha}…: the new {File} failed to load: {Cause}")]
    private partial void LogKeptPrevious(string name, string file, string cause, string sha);

    [LoggerMessage(Level = LogLevel.Error, Message = "Module {Name}: loading {File} failed unexpectedly: {Cause}")]
    private partial void LogLoadFailed(string name, string file, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Name} removed: {File} is gone")]
    private partial void LogRemoved(string name, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {File} ignored: its name is not a valid module name ({Form})")]
    private partial void LogBadName(string file, string form);

    [LoggerMessage(Level = LogLevel.Debug, Message = "File {File} could not be read yet: {Cause}")]
    private partial void LogReadFailed(string file, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module path {Path} could not be scanned: {Cause}")]
    private partial void LogScanFailed(string path, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No file-system events for {Directory} ({Cause}); relying on the periodic rescan")]
    private partial void LogWatcherUnavailable(string directory, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "First scan of the module path done: {Loaded} modules loaded, {Rejected} files rejected")]
    private partial void LogFirstScanDone(int loaded, int rejected);
}
