using Booster.Runtime.Execution.WarmPool;

namespace Booster.Runtime.Tests.Execution.WarmPool;

public class RegionPlacementTests
{
    private const ulong KiB = 1024;
    private const ulong MiB = 1024 * KiB;
    private const ulong Region = 16 * MiB;
    private const ulong Keep = 8 * MiB;
    private const ulong Growth = 1 * MiB;
    private const ulong Guard = 64 * KiB;

    private static RegionPlacement.Placement Place(ulong exposed, ulong size) =>
        RegionPlacement.Decide(exposed, size, Growth, Guard, Region, Keep);

    [Fact]
    public void AMemoryOfTheExposedSizeTakesTheRegionAsItIs()
    {
        Place(64 * KiB, 64 * KiB).Should().Be(new RegionPlacement.Placement(0, 64 * KiB));
    }

    [Fact]
    public void ASmallerMemoryEndsAtTheTopOfTheExposedExtentSoNoSystemCallIsNeeded()
    {
        // SQLite after a run: the extent is 256 KiB, the next instance starts at 192 KiB.
        Place(256 * KiB, 192 * KiB).Should().Be(new RegionPlacement.Placement(64 * KiB, 256 * KiB));
    }

    [Fact]
    public void ALargerMemoryStartsAtTheBottomAndExposesMore()
    {
        Place(64 * KiB, 192 * KiB).Should().Be(new RegionPlacement.Placement(0, 192 * KiB));
    }

    [Fact]
    public void AnExtentPastTheKeptBoundIsBroughtBackToTheBottom()
    {
        Place(Keep + 64 * KiB, 192 * KiB).Should().Be(new RegionPlacement.Placement(0, 192 * KiB));
    }

    [Fact]
    public void AnExtentThatWouldLeaveTooLittleGrowthRoomIsBroughtBackToTheBottom()
    {
        var placement = RegionPlacement.Decide(8 * MiB, 64 * KiB, 8 * MiB, Guard, Region, Region);

        placement.Should().Be(new RegionPlacement.Placement(0, 64 * KiB));
    }

    [Fact]
    public void TheMemoryAlwaysEndsExactlyAtTheExposedExtentWhereTheGuardBegins()
    {
        foreach (var exposed in new[] { 0UL, 64 * KiB, 256 * KiB, 3 * MiB, Keep, Keep + 64 * KiB, 14 * MiB })
        foreach (var size in new[] { 0UL, 64 * KiB, 192 * KiB, 2 * MiB, 7 * MiB })
        {
            var placement = Place(exposed, size);
            (placement.Offset + size).Should().Be(placement.Exposed, $"exposed {exposed}, size {size}");
            (placement.Exposed + Growth + Guard).Should().BeLessThanOrEqualTo(Region);
        }
    }

    [Theory]
    [InlineData(64 * KiB, 192 * KiB, 64 * KiB, true)]   // SQLite's growth, placed high after an earlier run
    [InlineData(0, 192 * KiB, 64 * KiB, false)]         // nothing below: expose more instead
    [InlineData(32 * KiB, 192 * KiB, 64 * KiB, false)]  // not enough below
    [InlineData(4 * MiB, 512 * KiB, 64 * KiB, false)]   // a copy larger than the system call it saves
    [InlineData(4 * MiB, 256 * KiB, 64 * KiB, true)]
    public void OnlySmallMemoriesWithRoomBelowGrowByMovingDown(ulong offset, ulong size, ulong growth, bool movesDown)
    {
        RegionPlacement.GrowsByMovingDown(offset, size, growth).Should().Be(movesDown);
    }
}
