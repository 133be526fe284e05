using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Observability;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace Booster.Runtime.Tests.Loading;

/// <summary>The cache on its own: real Wasmtime code, real files in a private folder.</summary>
public sealed class CompiledCodeCacheTests : IDisposable
{
    private readonly WasmEngine _engine = new(WasmtimeMemorySettings.Tuned, warmRegions: 0);
    private readonly string _root = Directory.CreateTempSubdirectory("booster-cache-test-").FullName;
    private readonly RuntimeMetrics _metrics = new(new ExecutionGate(1, 1, TimeSpan.FromSeconds(1)), 1, 1);
    private readonly string _fingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, WasmtimeMemorySettings.Tuned);

    [Fact]
    public void StoredCodeIsReadBackAndRuns()
    {
        var cache = NewCache(1L << 30);
        var (key, module) = Compile("one");
        cache.Store(key, module);

        using var loaded = cache.TryLoad(key, _engine.Engine, "one");

        loaded.Should().NotBeNull();
        loaded!.Exports.Select(e => e.Name).Should().Contain("_start");
        Metric("booster_code_cache_lookups_total", ("result", "hit")).Should().Be(1);
    }

    [Fact]
    public void ACorruptedEntryIsDeletedAndCountedAsInvalidNeverDeserialized()
    {
        var cache = NewCache(1L << 30);
        var (key, module) = Compile("one");
        cache.Store(key, module);
        var path = CompiledCodeCache.EntryPath(cache.Directory!, key);
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x5a; // somewhere in the machine code
        File.WriteAllBytes(path, bytes);

        cache.TryLoad(key, _engine.Engine, "one").Should().BeNull();

        File.Exists(path).Should().BeFalse();
        Metric("booster_code_cache_lookups_total", ("result", "invalid")).Should().Be(1);
        Metric("booster_code_cache_lookups_total", ("result", "hit")).Should().Be(0);
    }

    [Fact]
    public void AnEntryRenamedToAnotherKeyIsNotUsed()
    {
        var cache = NewCache(1L << 30);
        var (keyA, moduleA) = Compile("a");
        var (keyB, _) = Compile("b");
        cache.Store(keyA, moduleA);
        File.Copy(CompiledCodeCache.EntryPath(cache.Directory!, keyA), CompiledCodeCache.EntryPath(cache.Directory!, keyB));

        cache.TryLoad(keyB, _engine.Engine, "b").Should().BeNull();
        Metric("booster_code_cache_lookups_total", ("result", "invalid")).Should().Be(1);
    }

    [Fact]
    public void PastItsBoundTheCacheEvictsTheLeastRecentlyUsedEntries()
    {
        var (keyA, moduleA) = Compile("a");
        var (keyB, moduleB) = Compile("b");
        var (keyC, moduleC) = Compile("c");
        var entrySize = CacheEntry.HeaderLength + moduleA.Serialize().LongLength;
        // Room for two entries of about this size, not three.
        var cache = NewCache(entrySize * 2 + entrySize / 2);

        cache.Store(keyA, moduleA);
        cache.Store(keyB, moduleB);
        cache.TryLoad(keyA, _engine.Engine, "a")!.Dispose(); // a is now used more recently than b
        cache.Store(keyC, moduleC);

        var directory = cache.Directory!;
        File.Exists(CompiledCodeCache.EntryPath(directory, keyA)).Should().BeTrue();
        File.Exists(CompiledCodeCache.EntryPath(directory, keyB)).Should().BeFalse();
        File.Exists(CompiledCodeCache.EntryPath(directory, keyC)).Should().BeTrue();
        Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length).Should().BeLessThanOrEqualTo(entrySize * 2 + entrySize / 2);
        Metric("booster_code_cache_evictions_total").Should().Be(1);
    }

    [Fact]
    public void ABoundOfZeroTurnsTheCacheOff()
    {
        var cache = NewCache(0);
        var (key, module) = Compile("one");
        cache.Store(key, module);

        cache.Directory.Should().BeNull();
        cache.TryLoad(key, _engine.Engine, "one").Should().BeNull();
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheEntriesFolderIsTheRuntimesOwn()
    {
        var cache = NewCache(1L << 30);

        File.GetUnixFileMode(cache.Directory!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private CompiledCodeCache NewCache(long maxBytes) => new(_root, maxBytes, _metrics, NullLogger<CompiledCodeCache>.Instance);

    private (CacheKey Key, Module Module) Compile(string text)
    {
        var wat = Wat.Prints(text);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wat)));
        return (CacheKey.For(sha, isText: true, _fingerprint), Module.FromText(_engine.Engine, text, wat));
    }

    private double Metric(string name, params (string, string)[] labels)
    {
        using var stream = new MemoryStream();
        _metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Value(name, labels);
    }

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
