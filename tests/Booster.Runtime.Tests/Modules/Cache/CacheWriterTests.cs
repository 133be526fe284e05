using System.Globalization;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace Booster.Runtime.Tests.Modules.Cache;

/// <summary>Cache writes off the path to ready: real Wasmtime code, real files in a private folder.</summary>
public sealed class CacheWriterTests : IDisposable
{
    private readonly CacheTestBed _bed = new();
    private readonly CompiledCodeCache _cache;

    public CacheWriterTests() => _cache = _bed.NewCache(1L << 30);

    [Fact]
    public async Task NothingIsWrittenUntilTheFirstScanIsOverThenEveryEntryIsAndReadsBack()
    {
        var firstScan = new TaskCompletionSource();
        var writer = NewWriter(firstScan.Task);
        var (keyA, moduleA) = Compile("a");
        var (keyB, moduleB) = Compile("b");

        writer.Write(keyA, moduleA);
        writer.Write(keyB, moduleB);
        var written = writer.WrittenAsync();

        // A write of a module this small takes a few milliseconds once it may start.
        (await Task.WhenAny(written, Task.Delay(TimeSpan.FromMilliseconds(300)))).Should().NotBeSameAs(written);
        Entries().Should().BeEmpty();

        firstScan.SetResult();
        await written.WaitAsync(TimeSpan.FromSeconds(30));
        Entries().Should().HaveCount(2);
        using var loaded = _cache.TryLoad(keyB, _bed.Engine.Engine, "b");
        loaded.Should().NotBeNull();
    }

    [Fact]
    public async Task AWriteThatFailsLeavesNoEntryAndTheWritesAfterItStillHappen()
    {
        var writer = NewWriter(Task.CompletedTask);
        var (keyA, moduleA) = Compile("a");
        var (keyB, moduleB) = Compile("b");
        // A folder where a's entry belongs: the rename into place fails, even for root.
        var blocked = CompiledCodeCache.EntryPath(_cache.Directory!, keyA);
        Directory.CreateDirectory(blocked);

        writer.Write(keyA, moduleA);
        writer.Write(keyB, moduleB);
        await writer.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Directory.Exists(blocked).Should().BeTrue();
        Directory.GetFiles(_cache.Directory!).Should().Equal(CompiledCodeCache.EntryPath(_cache.Directory!, keyB));
        using var loaded = _cache.TryLoad(keyB, _bed.Engine.Engine, "b");
        loaded.Should().NotBeNull();
    }

    [Fact]
    public async Task StoppingFinishesTheQueuedWritesEvenBeforeTheFirstScanIsOverAndTakesNoMore()
    {
        var writer = NewWriter(new TaskCompletionSource().Task);
        var (keyA, moduleA) = Compile("a");
        var (keyB, moduleB) = Compile("b");
        writer.Write(keyA, moduleA);

        await writer.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        writer.Write(keyB, moduleB);
        await writer.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Entries().Should().Equal(CompiledCodeCache.EntryPath(_cache.Directory!, keyA));
    }

    [SkippableFact]
    public void TheWritingThreadRunsNicerThanTheOthers()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the nice value of a thread is read from /proc");
        var before = NiceOfCurrentThread();
        (bool Lowered, int Nice) lowered = default;
        var thread = new Thread(() => lowered = (BackgroundPriority.LowerCurrentThread(), NiceOfCurrentThread()));
        thread.Start();
        thread.Join();

        lowered.Should().Be((true, BackgroundPriority.Nice));
        NiceOfCurrentThread().Should().Be(before, "only the calling thread is lowered");
    }

    private CacheWriter NewWriter(Task notBefore) => new(_cache, notBefore, NullLogger.Instance);

    private string[] Entries() => Directory.GetFiles(_cache.Directory!, "*.cwasm");

    private (CacheKey Key, Module Module) Compile(string text) => _bed.Compile(text);

    /// <summary>Field 19 of /proc/thread-self/stat, after the command name in parentheses.</summary>
    private static int NiceOfCurrentThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture);
    }

    public void Dispose() => _bed.Dispose();
}
