using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Tests.Support;
using Wasmtime;

namespace Booster.Runtime.Tests.Modules.Cache;

/// <summary>The cache on its own: real Wasmtime code, real files in a private folder.</summary>
public sealed class CompiledCodeCacheTests : IDisposable
{
    private readonly CacheTestBed _bed = new();

    [Fact]
    public void StoredCodeIsReadBackAndRuns()
    {
        var cache = NewCache(1L << 30);
        var (key, module) = Compile("one");
        cache.Store(key, module);

        using var loaded = cache.TryLoad(key, _bed.Engine.Engine, "one");

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

        cache.TryLoad(key, _bed.Engine.Engine, "one").Should().BeNull();

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

        cache.TryLoad(keyB, _bed.Engine.Engine, "b").Should().BeNull();
        Metric("booster_code_cache_lookups_total", ("result", "invalid")).Should().Be(1);
    }

    [Fact]
    public void PastItsBoundTheCacheEvictsTheLeastRecentlyUsedEntries()
    {
        var (keyA, moduleA) = Compile("a");
        var (keyB, moduleB) = Compile("b");
        var (keyC, moduleC) = Compile("c");
        var entrySize = moduleA.Serialize().LongLength + CacheEntry.TrailerLength;
        // Room for two entries of about this size, not three.
        var cache = NewCache(entrySize * 2 + entrySize / 2);

        cache.Store(keyA, moduleA);
        cache.Store(keyB, moduleB);
        cache.TryLoad(keyA, _bed.Engine.Engine, "a")!.Dispose(); // a is now used more recently than b
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
        cache.TryLoad(key, _bed.Engine.Engine, "one").Should().BeNull();
        Directory.EnumerateFileSystemEntries(_bed.Root).Should().BeEmpty();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheEntriesFolderIsTheRuntimesOwn()
    {
        var cache = NewCache(1L << 30);

        File.GetUnixFileMode(cache.Directory!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private CompiledCodeCache NewCache(long maxBytes) => _bed.NewCache(maxBytes);

    private (CacheKey Key, Module Module) Compile(string text) => _bed.Compile(text);

    private double Metric(string name, params (string, string)[] labels)
    {
        using var stream = new MemoryStream();
        _bed.Metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Value(name, labels);
    }

    public void Dispose() => _bed.Dispose();
}
