using System.Diagnostics;
using Booster.Runtime.Observability;
using Booster.Runtime.Execution.Components;
using Wasmtime;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// Compiled code kept on disk (BOOSTER_CACHE_PATH), so a restart deserializes instead of
/// compiling. Entries live in a <c>code</c> folder that this runtime creates and owns (mode
/// 0700): deserializing bytes someone else wrote is unsafe. Each entry is written to a
/// temporary file and renamed into place, and read back only when its trailer and checksum
/// check out (<see cref="CacheEntry"/>), then mapped by Wasmtime itself; anything else is deleted, and the module compiled
/// again and rewritten. The folder is bounded (BOOSTER_CACHE_MAX_BYTES): past the bound the
/// least recently used entries are deleted. A bound of 0 turns the cache off.
/// </summary>
internal sealed partial class CompiledCodeCache(string? root, long maxBytes, RuntimeMetrics metrics, ILogger<CompiledCodeCache> logger)
{
    public const string EntriesFolder = "code";
    private const string EntryExtension = ".cwasm";
    private const string TemporaryExtension = ".tmp";

    /// <summary>Temporary files older than this are left over from a process that died while writing.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private bool _prepared;
    private string? _directory;
    private long _bytes;

    /// <summary>Where the cache lives when BOOSTER_CACHE_PATH is unset.</summary>
    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "booster-cache");

    public string Root { get; } = string.IsNullOrEmpty(root) ? DefaultRoot : Path.GetFullPath(root);

    /// <summary>The folder of entries; null when the cache is off or unusable.</summary>
    public string? Directory => Prepare();

    /// <summary>
    /// The module compiled earlier for this key, or null (then the caller compiles). Counts a
    /// hit, a miss, or an invalid entry (deleted).
    /// </summary>
    public Module? TryLoad(CacheKey key, Engine engine, string name) =>
        TryLoad(key, path => Deserialize(path, p => Module.DeserializeFile(engine, name, p), bytes => Module.Deserialize(engine, name, bytes)));

    /// <summary>As <see cref="TryLoad(CacheKey, Engine, string)"/>, for code of either kind: a component's when <paramref name="component"/>.</summary>
    public IDisposable? TryLoad(CacheKey key, Engine engine, string name, bool component) => component
        ? TryLoad(key, path => Deserialize(path, p => ComponentCode.DeserializeFile(engine, p), bytes => ComponentCode.Deserialize(engine, bytes)))
        : TryLoad(key, engine, name);

    private T? TryLoad<T>(CacheKey key, Func<string, T> deserialize) where T : class
    {
        if (Prepare() is not { } directory) return null;
        var path = EntryPath(directory, key);
        string? problem;
        long length;
        try
        {
            using var file = File.OpenHandle(path);
            length = RandomAccess.GetLength(file);
            problem = CacheEntry.Check(key, file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            metrics.CacheLookup("miss");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(path, e.Message);
            metrics.CacheLookup("miss");
            return null;
        }
        if (problem is not null)
        {
            Discard(path, length, problem);
            return null;
        }

        T code;
        try
        {
            code = deserialize(path);
        }
        catch (WasmtimeException e)
        {
            // Wasmtime checks the code against this engine (version, settings, CPU features).
            Discard(path, length, e.Message.Split('\n')[0]);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(path, e.Message);
            metrics.CacheLookup("miss");
            return null;
        }
        Touch(path);
        metrics.CacheLookup("hit");
        return code;
    }

    /// <summary>
    /// Wasmtime maps the file: the code is neither read into memory nor copied, and its pages are
    /// the page cache's. (Entries change only by an atomic rename of a whole entry for the same
    /// key.) A folder on a file system mounted noexec cannot be mapped executable: then the
    /// payload is read and Wasmtime copies it.
    /// </summary>
    private static T Deserialize<T>(string path, Func<string, T> fromFile, ReadOnlySpanFunc<T> fromBytes)
    {
        try
        {
            return fromFile(path);
        }
        catch (WasmtimeException)
        {
            using var entry = PooledBytes.ReadFile(path);
            return fromBytes(entry.Span[..^CacheEntry.TrailerLength]);
        }
    }

    private delegate T ReadOnlySpanFunc<out T>(ReadOnlySpan<byte> bytes);

    /// <summary>Keeps the compiled code of <paramref name="module"/> under <paramref name="key"/>; failures only cost a later compile.</summary>
    public void Store(CacheKey key, Module module) => Store(key, module.Serialize);

    /// <summary>Keeps compiled code of either kind under <paramref name="key"/>.</summary>
    public void Store(CacheKey key, IDisposable code) => Store(key, code is ComponentCode component ? component.Serialize : ((Module)code).Serialize);

    private void Store(CacheKey key, Func<byte[]> serialize)
    {
        if (Prepare() is not { } directory) return;
        var path = EntryPath(directory, key);
        var temporary = Path.Combine(directory, $".{key}.{Guid.NewGuid():N}{TemporaryExtension}");
        try
        {
            var payload = serialize();
            var length = payload.LongLength + CacheEntry.TrailerLength;
            if (length > maxBytes) return;
            // Payload and trailer in one gathered write: no copy of the megabytes into one array.
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                RandomAccess.Write(file, [payload, CacheEntry.Trailer(key, payload)], 0);
            }
            var replaced = File.Exists(path) ? new FileInfo(path).Length : 0;
            File.Move(temporary, path, overwrite: true);
            lock (_lock)
            {
                _bytes += length - replaced;
                if (_bytes > maxBytes) EvictLocked(directory);
                metrics.CacheBytes(_bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WasmtimeException)
        {
            LogWriteFailed(path, e.Message);
            TryDelete(temporary);
        }
    }

    /// <summary>Deletes the least recently used entries until the folder fits the bound.</summary>
    private void EvictLocked(string directory)
    {
        var entries = new DirectoryInfo(directory).EnumerateFiles("*" + EntryExtension)
            .OrderBy(f => f.LastWriteTimeUtc).ToList();
        // Re-count from the folder: a volume shared by several runtimes changes under us.
        _bytes = entries.Sum(f => f.Length);
        var evicted = 0;
        foreach (var file in entries)
        {
            if (_bytes <= maxBytes) break;
            if (!TryDelete(file.FullName)) continue;
            _bytes -= file.Length;
            evicted++;
        }
        if (evicted > 0)
        {
            metrics.CacheEvicted(evicted);
            LogEvicted(evicted, _bytes, maxBytes);
        }
    }

    /// <summary>Creates (once) the entries folder and counts what it holds; null when the cache is off.</summary>
    private string? Prepare()
    {
        if (Volatile.Read(ref _prepared)) return _directory;
        lock (_lock)
        {
            if (_prepared) return _directory;
            try
            {
                if (maxBytes > 0) _directory = Open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                LogUnusable(Root, e.Message);
            }
            Volatile.Write(ref _prepared, true);
            return _directory;
        }
    }

    private string Open()
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        System.IO.Directory.CreateDirectory(Root);
        var directory = Path.Combine(Root, EntriesFolder);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, OwnerOnly);
            // Only the folder's owner may change its mode: this fails on a folder someone else made.
            File.SetUnixFileMode(directory, OwnerOnly);
        }
        var now = DateTime.UtcNow;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + TemporaryExtension))
        {
            if (now - file.LastWriteTimeUtc > AbandonedAfter) TryDelete(file.FullName);
        }
        _bytes = new DirectoryInfo(directory).EnumerateFiles("*" + EntryExtension).Sum(f => f.Length);
        metrics.CacheBytes(_bytes);
        LogOpened(directory, _bytes, maxBytes);
        return directory;
    }

    private void Discard(string path, long length, string problem)
    {
        LogInvalid(path, problem);
        metrics.CacheLookup("invalid");
        if (!TryDelete(path)) return;
        lock (_lock)
        {
            _bytes = Math.Max(0, _bytes - length);
            metrics.CacheBytes(_bytes);
        }
    }

    /// <summary>A hit makes the entry the most recently used.</summary>
    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Debug.WriteLine(e.Message); // evicted meanwhile: nothing to keep fresh
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string EntryPath(string directory, CacheKey key) => Path.Combine(directory, key.Hex + EntryExtension);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled-code cache in {Directory}: {Bytes} bytes held, bound {MaxBytes} bytes")]
    private partial void LogOpened(string directory, long bytes, long maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiled-code cache off: {Root} cannot be used ({Cause}); every module is compiled")]
    private partial void LogUnusable(string root, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiled-code cache entry {Path} discarded ({Problem}); the module is compiled again")]
    private partial void LogInvalid(string path, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Compiled-code cache entry {Path} could not be read: {Cause}")]
    private partial void LogUnreadable(string path, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiled-code cache entry {Path} could not be written: {Cause}")]
    private partial void LogWriteFailed(string path, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled-code cache: {Count} least recently used entries evicted; {Bytes} bytes held, bound {MaxBytes}")]
    private partial void LogEvicted(int count, long bytes, long maxBytes);
}
