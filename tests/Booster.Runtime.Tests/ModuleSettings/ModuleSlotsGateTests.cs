using Booster.Runtime.Execution;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>The execution gate with a module's own slots: taken before a pool slot, released with it.</summary>
public class ModuleSlotsGateTests
{
    [Fact]
    public async Task ARunWaitingForItsModulesSlotHoldsNoPoolSlot()
    {
        var gate = new ExecutionGate(poolMax: 2, queueMax: 10, queueTimeout: TimeSpan.FromSeconds(10));
        var module = new SemaphoreSlim(1, 1);
        var (first, _) = await gate.EnterAsync(module, gate.QueueTimeout, CancellationToken.None);

        var second = gate.EnterAsync(module, gate.QueueTimeout, CancellationToken.None).AsTask();
        await Eventually.True(() => gate.Waiting == 1);
        gate.InFlight.Should().Be(1, "the waiting run holds no pool slot");
        var (other, _) = await gate.EnterAsync(CancellationToken.None);
        other.Should().NotBeNull("another module's run passes it");

        first!.Dispose();
        var (next, _) = await second;
        next.Should().NotBeNull();
        module.CurrentCount.Should().Be(0);
        next!.Dispose();
        other!.Dispose();
        module.CurrentCount.Should().Be(1);
        gate.InFlight.Should().Be(0);
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task AModuleSlotTakenWhileThePoolIsFullIsGivenBackWhenTheWaitTimesOut()
    {
        var gate = new ExecutionGate(poolMax: 1, queueMax: 10, queueTimeout: TimeSpan.FromMilliseconds(100));
        var module = new SemaphoreSlim(2, 2);
        using var held = (await gate.EnterAsync(CancellationToken.None)).Lease;

        var (lease, why) = await gate.EnterAsync(module, gate.QueueTimeout, CancellationToken.None);

        lease.Should().BeNull();
        why.Should().Be(GateRefusal.QueueTimeout);
        module.CurrentCount.Should().Be(2);
        gate.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task ALeaseTakesAModuleSlotOnlyWhenOneIsFree()
    {
        var gate = new ExecutionGate(2, 10, TimeSpan.FromSeconds(1));
        var module = new SemaphoreSlim(1, 1);
        using var a = (await gate.EnterAsync(CancellationToken.None)).Lease!;
        using var b = (await gate.EnterAsync(CancellationToken.None)).Lease!;

        a.TryAddModuleSlot(module).Should().BeTrue();
        b.TryAddModuleSlot(module).Should().BeFalse();
        a.Dispose();
        module.CurrentCount.Should().Be(1);
        a.Dispose();
        module.CurrentCount.Should().Be(1, "a lease frees its slots once");
    }
}
