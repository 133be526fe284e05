using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules;
using Booster.Runtime.Tests.Support;
using Wasmtime;

namespace Booster.Runtime.Tests.Tiers;

/// <summary>
/// The swap from baseline to optimized code on real engines: one store change replaces the code
/// of every module serving it, and an execution that started on the baseline code finishes on it.
/// </summary>
public sealed class TierSwapTests : IDisposable
{
    private readonly WasmEngine _engine = new(WasmtimeMemorySettings.Tuned, warmRegions: 0, compiler: CompilerMode.Tiered);

    [Fact]
    public async Task AnExecutionStartedOnBaselineCodeFinishesOnItWhileNewOnesRunOptimizedCode()
    {
        var wat = Wat.SleepsThenPrints(400, "slept");
        using var baseline = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "slow", wat);
        using var optimized = Module.FromText(_engine.For(CodeTier.Optimized).Engine, "slow", wat);
        var store = new ModuleStore(null);
        store.Set(Loaded("slow", baseline, CodeTier.Baseline));
        var executor = new WasiExecutor(_engine, new RuntimeSettings());

        var inFlight = Task.Run(() => executor.Execute(store.Find("slow")!, Request()));
        await Task.Delay(100);
        var replaced = store.ReplaceCode(baseline, optimized, DateTimeOffset.UtcNow);
        var after = store.Find("slow")!;
        var next = executor.Execute(after, Request());

        replaced.Should().ContainSingle().Which.Tier.Should().Be(CodeTier.Baseline);
        after.Tier.Should().Be(CodeTier.Optimized);
        after.Module.Should().BeSameAs(optimized);
        after.OptimizedAt.Should().NotBeNull();
        next.Stdout.Should().Be("slept");
        var first = await inFlight;
        first.Outcome.Should().Be(ExecutionOutcome.Completed);
        first.Stdout.Should().Be("slept");
    }

    [Fact]
    public void OneSwapReplacesEveryModuleSharingTheCodeAndNoOther()
    {
        using var shared = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "a", Wat.Prints("same"));
        using var other = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "c", Wat.Prints("other"));
        using var optimized = Module.FromText(_engine.For(CodeTier.Optimized).Engine, "a", Wat.Prints("same"));
        var store = new ModuleStore(null);
        store.Set(Loaded("a", shared, CodeTier.Baseline));
        store.Set(Loaded("b", shared, CodeTier.Baseline));
        store.Set(Loaded("c", other, CodeTier.Baseline));

        store.ReplaceCode(shared, optimized, DateTimeOffset.UtcNow).Select(m => m.Name).Should().BeEquivalentTo(["a", "b"]);

        store.All.ToDictionary(m => m.Name, m => m.Tier).Should().BeEquivalentTo(new Dictionary<string, CodeTier>
        {
            ["a"] = CodeTier.Optimized, ["b"] = CodeTier.Optimized, ["c"] = CodeTier.Baseline,
        });
        store.ReplaceCode(shared, optimized, DateTimeOffset.UtcNow).Should().BeEmpty("the baseline code is no longer served");
    }

    [Fact]
    public void BaselineCodeKeepsTheGuestLimitsOfOptimizedCode()
    {
        using var loops = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "loops", Wat.PrintsThenLoopsForever("started"));
        using var grows = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "grows", Wat.GrowsMemoryUntilRefused());
        var executor = new WasiExecutor(_engine, new RuntimeSettings { MaxMemoryBytes = 8L << 20 });

        var interrupted = executor.Execute(Loaded("loops", loops, CodeTier.Baseline), Request(TimeSpan.FromMilliseconds(200)));
        var limited = executor.Execute(Loaded("grows", grows, CodeTier.Baseline), Request());

        interrupted.Outcome.Should().Be(ExecutionOutcome.Timeout);
        interrupted.Stdout.Should().Be("started");
        limited.Outcome.Should().Be(ExecutionOutcome.MemoryLimit);
    }

    [Fact]
    public void BaselineCodeThatRanAndWasReplacedIsFreedOnceNothingHoldsIt()
    {
        using var optimized = Module.FromText(_engine.For(CodeTier.Optimized).Engine, "a", Wat.Prints("a"));
        var store = new ModuleStore(null);

        var baseline = ServeRunAndReplace(store, optimized);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        baseline.IsAlive.Should().BeFalse("neither the store nor the prepared instantiation keeps replaced code");
        store.Find("a")!.Module.Should().BeSameAs(optimized);
        new WasiExecutor(_engine, new RuntimeSettings()).Execute(store.Find("a")!, Request()).Stdout.Should().Be("a");
    }

    /// <summary>Serves baseline code, runs it once (which prepares its instantiation), swaps in <paramref name="optimized"/>; returns a weak reference to the baseline code.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference ServeRunAndReplace(ModuleStore store, Module optimized)
    {
        var baseline = Module.FromText(_engine.For(CodeTier.Baseline).Engine, "a", Wat.Prints("a"));
        store.Set(Loaded("a", baseline, CodeTier.Baseline));
        new WasiExecutor(_engine, new RuntimeSettings()).Execute(store.Find("a")!, Request()).Stdout.Should().Be("a");
        store.ReplaceCode(baseline, optimized, DateTimeOffset.UtcNow);
        return new WeakReference(baseline);
    }

    private static LoadedModule Loaded(string name, Module module, CodeTier tier) =>
        new(name, module, $"/modules/{name}.wat", 1, name, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, TimeSpan.Zero, CodeOrigin.Compiled) { Tier = tier };

    private static ExecutionRequest Request(TimeSpan? timeout = null) =>
        new([], [], null, timeout ?? TimeSpan.FromSeconds(5));

    public void Dispose() => _engine.Dispose();
}
