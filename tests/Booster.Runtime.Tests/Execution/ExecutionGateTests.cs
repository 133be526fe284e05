using Booster.Runtime.Execution;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution;

public class ExecutionGateTests
{
    [Fact]
    public async Task AdmitsUpToThePoolThenQueuesThenRefuses()
    {
        var gate = new ExecutionGate(poolMax: 2, queueMax: 1, queueTimeout: TimeSpan.FromSeconds(10));
        var (a, _) = await gate.EnterAsync(CancellationToken.None);
        var (b, _) = await gate.EnterAsync(CancellationToken.None);
        gate.InFlight.Should().Be(2);

        var queued = gate.EnterAsync(CancellationToken.None).AsTask();
        await Eventually.True(() => gate.Waiting == 1);
        var (refused, why) = await gate.EnterAsync(CancellationToken.None);
        refused.Should().BeNull();
        why.Should().Be(GateRefusal.QueueFull);

        a!.Dispose();
        var (c, _) = await queued;
        c.Should().NotBeNull();
        gate.Waiting.Should().Be(0);
        b!.Dispose();
        c!.Dispose();
        gate.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task AWaitThatTakesTooLongIsRefused()
    {
        var gate = new ExecutionGate(1, 5, TimeSpan.FromMilliseconds(50));
        using var held = (await gate.EnterAsync(CancellationToken.None)).Lease;

        var (lease, why) = await gate.EnterAsync(CancellationToken.None);

        lease.Should().BeNull();
        why.Should().Be(GateRefusal.QueueTimeout);
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task ALeaseReleasesItsSlotOnceEvenIfDisposedTwice()
    {
        var gate = new ExecutionGate(1, 0, TimeSpan.Zero);
        var lease = (await gate.EnterAsync(CancellationToken.None)).Lease!;
        lease.Dispose();
        lease.Dispose();

        gate.InFlight.Should().Be(0);
        var (again, _) = await gate.EnterAsync(CancellationToken.None);
        again.Should().NotBeNull();
        (await gate.EnterAsync(CancellationToken.None)).Refusal.Should().Be(GateRefusal.QueueFull);
    }

    [Fact]
    public async Task AClientThatGivesUpLeavesTheQueue()
    {
        var gate = new ExecutionGate(1, 5, TimeSpan.FromSeconds(30));
        using var held = (await gate.EnterAsync(CancellationToken.None)).Lease;
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cancel.Token).AsTask();
        await Eventually.True(() => gate.Waiting == 1);
        cancel.Cancel();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task AFreedSlotGoesToTheOldestWaiter()
    {
        var gate = new ExecutionGate(1, 5, TimeSpan.FromSeconds(30));
        var held = (await gate.EnterAsync(CancellationToken.None)).Lease!;
        var first = gate.EnterAsync(CancellationToken.None).AsTask();
        await Eventually.True(() => gate.Waiting == 1);
        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        await Eventually.True(() => gate.Waiting == 2);

        held.Dispose();

        var (lease, _) = await first;
        lease.Should().NotBeNull();
        second.IsCompleted.Should().BeFalse("the slot went to the older waiter");
        gate.Waiting.Should().Be(1);
        lease!.Dispose();
        (await second).Lease.Should().NotBeNull();
    }

    [Fact]
    public async Task WaitsThatRunOutTogetherAllLeaveAndTheSlotReturnsToThePool()
    {
        var gate = new ExecutionGate(1, 5, TimeSpan.FromMilliseconds(100));
        var held = (await gate.EnterAsync(CancellationToken.None)).Lease!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => gate.EnterAsync(CancellationToken.None).AsTask()));

        answers.Should().AllSatisfy(a => a.Refusal.Should().Be(GateRefusal.QueueTimeout));
        gate.Waiting.Should().Be(0);
        held.Dispose();
        gate.InFlight.Should().Be(0);
        (await gate.EnterAsync(CancellationToken.None)).Lease.Should().NotBeNull();
    }

    [Fact]
    public async Task ACallerThatHasAlreadyGivenUpIsNotQueued()
    {
        var gate = new ExecutionGate(1, 5, TimeSpan.FromSeconds(30));
        using var held = (await gate.EnterAsync(CancellationToken.None)).Lease;

        await FluentActions.Awaiting(async () => await gate.EnterAsync(new CancellationToken(canceled: true)))
            .Should().ThrowAsync<OperationCanceledException>();
        gate.Waiting.Should().Be(0);
    }
}
