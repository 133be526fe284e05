using Booster.Runtime.Execution.Wasi;

namespace Booster.Runtime.Tests.Execution.Wasi;

public class PollPlanTests
{
    private static Subscription Clock(ulong userdata, ClockId clock, ulong timeout, bool absolute = false) =>
        new(userdata, Subscription.Clock, (uint)clock, timeout, (ushort)(absolute ? 1 : 0));

    private static Subscription Fd(ulong userdata, byte type, uint fd) => new(userdata, type, fd, 0, 0);

    private static ulong[] Wake(Subscription[] subscriptions, ulong now = 1000, ulong realtime = 5_000_000)
    {
        var wake = new ulong[subscriptions.Length];
        PollPlan.WakeTimes(subscriptions, now, realtime, wake).Should().Be(Errno.Success);
        return wake;
    }

    [Theory]
    [InlineData(0u, 28)]
    [InlineData(1u, 0)]
    [InlineData((uint)WasiAbi.MaxSubscriptions, 0)]
    [InlineData((uint)WasiAbi.MaxSubscriptions + 1, 28)]
    public void ZeroOrTooManySubscriptionsAreInvalid(uint count, int expected) =>
        PollPlan.Check(1 << 20, 0, 65536, count, 200_000).Should().Be((Errno)expected);

    [Fact]
    public void ArraysAndTheCountMustLieInMemory()
    {
        PollPlan.Check(65536, 65536 - 48, 0, 1, 0).Should().Be(Errno.Success);
        PollPlan.Check(65536, 65536 - 47, 0, 1, 0).Should().Be(Errno.Fault);
        PollPlan.Check(65536, 0, 65536 - 31, 1, 0).Should().Be(Errno.Fault);
        PollPlan.Check(65536, 0, 0, 1, 65533).Should().Be(Errno.Fault);
    }

    [Fact]
    public void TimeoutsAreUnsignedAndTheLargestNeverComes()
    {
        var wake = Wake([Clock(1, ClockId.Monotonic, ulong.MaxValue), Clock(2, ClockId.Monotonic, 1UL << 63), Clock(3, ClockId.Realtime, ulong.MaxValue - 1)]);

        wake.Should().Equal(PollPlan.Never, 1000 + (1UL << 63), PollPlan.Never);
    }

    [Fact]
    public void AbsoluteTimesAreOnTheirClock()
    {
        var wake = Wake([
            Clock(1, ClockId.Monotonic, 7000, absolute: true),
            Clock(2, ClockId.Realtime, 5_000_300, absolute: true),
            Clock(3, ClockId.Realtime, 10, absolute: true),
        ]);

        wake.Should().Equal(7000UL, 1300UL, 1000UL);
    }

    [Fact]
    public void AClockOtherThanRealtimeOrMonotonicIsInvalid()
    {
        var wake = new ulong[1];
        PollPlan.WakeTimes([Clock(1, ClockId.ProcessCpuTime, 5)], 0, 0, wake).Should().Be(Errno.Invalid);
        PollPlan.WakeTimes([Clock(1, (ClockId)9, 5)], 0, 0, wake).Should().Be(Errno.Invalid);
    }

    [Fact]
    public void EverySubscriptionReadyNowIsReportedInOrder()
    {
        Subscription[] subscriptions =
        [
            Clock(1, ClockId.Monotonic, 0),
            Fd(2, Subscription.FdWrite, 1),
            Clock(3, ClockId.Monotonic, 10_000_000_000),
            Fd(4, Subscription.FdRead, 0),
            Fd(5, Subscription.FdRead, 7),
        ];

        var ready = PollPlan.Ready(subscriptions, Wake(subscriptions), now: 1000, stdinRemaining: 11);

        ready.Should().Equal(
            new PollEvent(1, Errno.Success, Subscription.Clock, 0),
            new PollEvent(2, Errno.Success, Subscription.FdWrite, 0),
            new PollEvent(4, Errno.Success, Subscription.FdRead, 11),
            new PollEvent(5, Errno.BadDescriptor, Subscription.FdRead, 0));
    }

    [Fact]
    public void OnlyClocksThatHaveComeAreReadyAndTheEarliestIsTheWakeTime()
    {
        Subscription[] subscriptions = [Clock(7, ClockId.Monotonic, 5_000_000), Clock(8, ClockId.Monotonic, 3_600_000_000_000)];
        var wake = Wake(subscriptions);

        PollPlan.Ready(subscriptions, wake, now: 1000, 0).Should().BeEmpty();
        PollPlan.Earliest(wake).Should().Be(5_001_000);
        PollPlan.Ready(subscriptions, wake, now: 5_001_000, 0).Select(e => e.Userdata).Should().Equal(7UL);
    }

    [Fact]
    public void AnEventIsThirtyTwoLittleEndianBytes()
    {
        var bytes = new byte[40];
        bytes.AsSpan().Fill(0xee);

        PollPlan.Encode(new PollEvent(0x0102030405060708, Errno.BadDescriptor, Subscription.FdRead, 300), bytes);

        bytes[..32].Should().Equal(8, 7, 6, 5, 4, 3, 2, 1, 8, 0, 1, 0, 0, 0, 0, 0, 44, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        bytes[32].Should().Be(0xee);
    }

    [Fact]
    public void DecodeReadsTheSubscriptionLayout()
    {
        var bytes = new byte[48];
        bytes[0] = 9; bytes[8] = Subscription.Clock; bytes[16] = 1; bytes[24] = 0xff; bytes[31] = 0xff; bytes[40] = 1;

        PollPlan.Decode(bytes).Should().Equal(new Subscription(9, Subscription.Clock, 1, 0xff000000000000ff, 1));
    }
}
