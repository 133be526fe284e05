using Booster.Operator.Queue;

namespace Booster.Operator.Tests.Queue;

public sealed class WorkQueueTests : IDisposable
{
    private readonly WorkQueue<string> _queue = new(new ExponentialBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(5));

    public void Dispose()
    {
        _queue.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task AKeyAddedTwiceWhileWaitingIsHandedOutOnce()
    {
        _queue.Add("a");
        _queue.Add("a");
        _queue.Add("b");

        _queue.Depth.Should().Be(2);
        (await _queue.TakeAsync(_timeout.Token)).Should().Be("a");
        (await _queue.TakeAsync(_timeout.Token)).Should().Be("b");
        _queue.Depth.Should().Be(0);
    }

    [Fact]
    public async Task AKeyBeingProcessedIsNotHandedToASecondWorkerButQueuedAgainWhenDone()
    {
        _queue.Add("a");
        var first = await _queue.TakeAsync(_timeout.Token);

        _queue.Add("a");
        var second = _queue.TakeAsync(_timeout.Token).AsTask();
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the key is still being processed");

        _queue.Done(first);
        (await second).Should().Be("a");
    }

    [Fact]
    public async Task FailuresDelayTheKeyExponentiallyAndForgetResetsTheCount()
    {
        _queue.Add("a");
        var key = await _queue.TakeAsync(_timeout.Token);
        _queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(10));
        _queue.Done(key);
        key = await _queue.TakeAsync(_timeout.Token);
        _queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(20));
        _queue.Done(key);
        key = await _queue.TakeAsync(_timeout.Token);

        _queue.Forget(key);

        _queue.AddRateLimited(key).Should().Be(TimeSpan.FromMilliseconds(10), "the count starts again");
    }

    [Fact]
    public async Task AddAfterWaitsBeforeTheKeyIsAvailable()
    {
        _queue.AddAfter("later", TimeSpan.FromMilliseconds(100));

        var take = _queue.TakeAsync(_timeout.Token).AsTask();
        await Task.Delay(30);
        take.IsCompleted.Should().BeFalse();
        (await take).Should().Be("later");
    }
}
