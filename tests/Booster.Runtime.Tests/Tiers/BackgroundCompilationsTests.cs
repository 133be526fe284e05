using Booster.Runtime.Modules;

namespace Booster.Runtime.Tests.Tiers;

public sealed class BackgroundCompilationsTests
{
    [Fact]
    public async Task WorkWaitsForTheFirstScanThenRunsOffTheCallersThread()
    {
        var firstScan = new TaskCompletionSource();
        var background = new BackgroundCompilations(firstScan.Task, _ => { }, () => { });
        var ran = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        background.Post(() => ran.TrySetResult(Environment.CurrentManagedThreadId));

        await Task.Delay(200);
        ran.Task.IsCompleted.Should().BeFalse("readiness comes first");
        background.Outstanding.Should().Be(1);
        background.IdleAsync().IsCompleted.Should().BeFalse();

        firstScan.SetResult();
        (await ran.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().NotBe(Environment.CurrentManagedThreadId);
        await background.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        background.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task StoppingDropsWorkNotStartedAndFinishesWorkInProgress()
    {
        var background = new BackgroundCompilations(Task.CompletedTask, _ => { }, () => { });
        var release = new ManualResetEventSlim();
        int started = 0, finished = 0;
        var posted = BackgroundCompilations.Threads + 3;
        for (var i = 0; i < posted; i++)
        {
            background.Post(() =>
            {
                Interlocked.Increment(ref started);
                release.Wait();
                Interlocked.Increment(ref finished);
            });
        }
        // Every thread is busy with one job; the others wait.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref started) < BackgroundCompilations.Threads && DateTime.UtcNow < deadline) await Task.Delay(10);

        var stopping = background.StopAsync();
        await Task.Delay(100);
        stopping.IsCompleted.Should().BeFalse("the work in progress uses the engines");
        release.Set();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        background.Post(() => Interlocked.Increment(ref finished));
        await Task.Delay(100);

        started.Should().Be(BackgroundCompilations.Threads);
        finished.Should().Be(BackgroundCompilations.Threads, "the work in progress finished, the rest was dropped, and nothing is taken after the stop");
        background.Outstanding.Should().Be(0);
    }

    [Fact]
    public async Task WorkThatThrowsIsReportedAndTheNextRuns()
    {
        var failures = new List<string>();
        var background = new BackgroundCompilations(Task.CompletedTask, e => { lock (failures) failures.Add(e.Message); }, () => { });
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        background.Post(() => throw new InvalidOperationException("broken"));
        background.Post(ran.SetResult);

        await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await background.IdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        failures.Should().Equal("broken");
        await background.StopAsync();
    }
}
