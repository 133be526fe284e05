using System.Security.Cryptography;
using System.Threading.Channels;
using Booster.Contract;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Modules;

/// <summary>
/// Keeps the <see cref="ModuleStore"/> in step with BOOSTER_PATH (one file or a directory):
/// loads everything at start, then reloads on file-system events and, as a fallback for
/// volumes whose events are unreliable (ConfigMap symlink swaps, network file systems), on a
/// periodic rescan. A file that fails to compile is logged and skipped; a broken replacement
/// leaves the last good version serving.
/// </summary>
internal sealed partial class ModuleWatcher(
    RuntimeSettings settings,
    ModuleCompiler compiler,
    ModuleStore store,
    RuntimeMetrics metrics,
    ILogger<ModuleWatcher> logger) : BackgroundService
{
    /// <summary>How often the path is rescanned when no event arrives.</summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(2);

    /// <summary>Events come in bursts while a file is written; wait for the burst to end.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>What was last seen of each file, so unchanged files are not compiled again.</summary>
    private readonly Dictionary<string, FileStamp> _seen = new(StringComparer.Ordinal);

    /// <summary>Completed once the first scan has finished (whatever it found).</summary>
    public Task InitialScan => _initialScan.Task;

    private readonly TaskCompletionSource _initialScan = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var target = ModulePath.Resolve(settings.ModulePath);
        using var watcher = CreateWatcher(target);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Scan(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(settings.ModulePath, e.Message);
            }
            _initialScan.TrySetResult();

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
    }

    /// <summary>One pass: compile new and changed files, drop deleted ones.</summary>
    internal void Scan(ModulePath target)
    {
        var files = target.ListModuleFiles();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!RuntimeSettingsParser.IsValidModuleName(name))
            {
                if (_seen.TryAdd(file, default)) LogBadName(file, RuntimeSettingsParser.ModuleNameForm);
                continue;
            }
            // hello.wasm and hello.wat both present: the binary wins, deterministically.
            if (byName.TryGetValue(name, out var other) && other.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase)) continue;
            byName[name] = file;
        }

        foreach (var (name, file) in byName) LoadIfChanged(name, file);

        foreach (var module in store.All)
        {
            if (!byName.ContainsKey(module.Name))
            {
                store.Remove(module.Name);
                metrics.ModuleEvent("removed");
                LogRemoved(module.Name, module.FilePath);
            }
        }
        foreach (var path in _seen.Keys.Where(p => !files.Contains(p)).ToList()) _seen.Remove(path);
    }

    private void LoadIfChanged(string name, string file)
    {
        FileStamp stamp;
        byte[] content;
        try
        {
            stamp = FileStamp.Of(file);
            // This exact version was seen already, loaded or failed: nothing to do.
            if (_seen.TryGetValue(file, out var previous) && previous == stamp) return;
            content = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Deleted or still being replaced between listing and reading: the next scan sees it.
            LogReadFailed(file, e.Message);
            return;
        }

        var current = store.Find(name);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (current is not null && current.Sha256 == sha256 && current.FilePath == file)
        {
            _seen[file] = stamp; // touched, not changed
            return;
        }
        try
        {
            var module = compiler.Compile(name, file, content, sha256, stamp.ModifiedAt);
            store.Set(module);
            _seen[file] = stamp;
            metrics.ModuleEvent(current is null ? "loaded" : "reloaded");
            LogLoaded(name, current is null ? "loaded" : "reloaded", file, module.SizeBytes, sha256[..12], module.CompileTime.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _seen[file] = stamp;
            metrics.ModuleEvent("failed");
            var cause = Execution.FailureClassifier.RootCause(e.Message);
            if (current is null) LogSkipped(name, file, cause);
            else LogKeptPrevious(name, file, cause, current.Sha256[..12]);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Module {Name} {Action} from {File} ({Size} bytes, sha256 {Sha}…, compiled in {CompileMs:F1} ms)")]
    private partial void LogLoaded(string name, string action, string file, long size, string sha, double compileMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module {Name} skipped: {File} failed to load: {Cause}")]
    private partial void LogSkipped(string name, string file, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Module {Name} kept at sha256 {Sha}…: the new {File} failed to load: {Cause}")]
    private partial void LogKeptPrevious(string name, string file, string cause, string sha);

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
}
