using Booster.Operator.Queue;

namespace Booster.Operator.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private readonly WorkQueue<string> queue = new(new ExponentialBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)));
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        queue.Dispose();
        timeout.Dispose();
    }

    [Fact]
    public async Task AKeyAddedTwiceWhileWaitingIsHandedOutOnce()
    {
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        queue.Depth.Should().Be(2);
        (await queue.TakeAsync(timeout.Token)).Should().Be("a");
        (await queue.TakeAsync(timeout.Token)).Should().Be("b");
        queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task AKeyBeingProcessedIsNotHandedToASecondWorkerButQueuedAgainWhenDone()
    {
        queue.Add("a");
        var first = await queue.TakeAsync(timeout.Token);

        queue.Add("a");
        var second = queue.TakeAsync(timeout.Token).AsTask();
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the key is still being processed");

        queue.Done(first);
        (await second).Should().Be("a");
    }

    [Fact]
    public async Task FailuresDelayTheKeyExponentiallyAndForgetResetsTheCount()
    {
        queue.Add("a");
        var key = await queue.TakeAsync(timeout.Token);
        queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(10));
        queue.Done(key);
        key = await queue.TakeAsync(timeout.Token);
        queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(20));
        queue.Done(key);
        key = await queue.TakeAsync(timeout.Token);

        queue.Forget(key);

        queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(10), "the count starts again");
    }

    [Fact]
    public async Task AddAfterWaitsBeforeTheKeyIsAvailable()
    {
        queue.AddAfter("later", TimeSpan.FromMilliseconds(100));

        var take = queue.TakeAsync(timeout.Token).AsTask();
        await Task.Delay(30);
        take.IsCompleted.Should().BeFalse();
        (await take).Should().Be("later");
    }
}
