using Booster.Runtime.Capacity;

namespace Booster.Runtime.Tests.Capacity;

public class PoolSizeTests
{
    private static readonly InstanceCost Tuned = new(Maps: 5, AddressSpaceBytes: 258UL << 20);
    private static readonly InstanceCost Upstream = new(Maps: 5, AddressSpaceBytes: 0x104000000UL);

    [Fact]
    public void ASmallPoolOnAnUnlimitedProcessIsAdmittedWhole()
    {
        var admission = PoolSize.Decide(8, Tuned, new ResourceHeadroom(262144, 1000, null, 50UL << 30));

        admission.Effective.Should().Be(8);
        admission.IsLimited.Should().BeFalse();
        admission.LimitedBy.Should().Be("BOOSTER_POOL_MAX");
        admission.FitByAddressSpace.Should().BeNull();
    }

    [Fact]
    public void TheAddressSpaceLimitBoundsUpstreamInstances()
    {
        // 100 GiB limit, 54 GiB in use: 80% of 46 GiB less 4 GiB of room is 32.8 GiB, 8 instances of 4.06 GiB.
        var admission = PoolSize.Decide(64, Upstream, new ResourceHeadroom(65530, 1000, 100UL << 30, 54UL << 30));

        admission.Effective.Should().Be(8);
        admission.LimitedBy.Should().Be("RLIMIT_AS");
        admission.Describe().Should().Contain("BOOSTER_POOL_MAX=64").And.Contain("admitting 8").And.Contain("limited by RLIMIT_AS");
    }

    [Fact]
    public void TheMapCountBoundsAHugePool()
    {
        // (65530 - 5530) * 0.8 - 2000 = 46000 maps free; 7 per execution (5 + a thread's 2): 6571.
        var admission = PoolSize.Decide(100_000, Tuned, new ResourceHeadroom(65530, 5530, null, 0));

        admission.Effective.Should().Be(6571);
        admission.LimitedBy.Should().Be("vm.max_map_count");
    }

    [Fact]
    public void NoHeadroomStillAdmitsOneSoTheFailureIsAnAnswerNotAHang()
    {
        PoolSize.Decide(8, Upstream, new ResourceHeadroom(65530, 65000, 8UL << 30, 8UL << 30)).Effective.Should().Be(1);
    }

    [Fact]
    public void UnknownLimitsLeaveThePoolAsConfigured()
    {
        var headroom = new ResourceHeadroom(null, 0, null, 0);
        var poolSize = PoolSize.Decide(512, Upstream, headroom);

        poolSize.Effective.Should().Be(512);
        poolSize.Headroom.Should().Be(headroom, "the start-up report shows the vm.max_map_count it was decided from");
    }
}
