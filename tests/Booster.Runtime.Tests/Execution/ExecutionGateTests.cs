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
        await Eventually.UntilAsync(() => gate.Waiting == 1);
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
        await Eventually.UntilAsync(() => gate.Waiting == 1);
        cancel.Cancel();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        gate.Waiting.Should().Be(0);
    }
}
