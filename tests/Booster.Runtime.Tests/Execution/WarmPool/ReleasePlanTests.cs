using Booster.Runtime.Execution.WarmPool;

namespace Booster.Runtime.Tests.Execution.WarmPool;

public class ReleasePlanTests
{
    private const ulong Page = 4096;

    private static ReleasePlan.Range R(ulong firstPage, ulong pages) => new(firstPage * Page, pages * Page);

    [Fact]
    public void ResidentPagesAreZeroedInRunsAndUntouchedOnesAreSkipped()
    {
        byte[] resident = [1, 1, 0, 0, 1, 0, 1, 1];

        ReleasePlan.ResidentRuns(R(0, 8), Page, resident).Should().Equal(R(0, 2), R(4, 1), R(6, 2));
    }

    [Fact]
    public void RunsLieInTheMemorysOwnRangeWhereverItIsInTheRegion()
    {
        byte[] resident = [1, 0, 1];

        ReleasePlan.ResidentRuns(R(5, 3), Page, resident).Should().Equal(R(5, 1), R(7, 1));
    }

    [Fact]
    public void OnlyBitZeroOfMincoreCounts()
    {
        byte[] resident = [0xfe, 3];

        ReleasePlan.ResidentRuns(R(0, 2), Page, resident).Should().Equal(R(1, 1));
    }

    [Fact]
    public void AMemoryBelowTheKeptBoundIsKeptWhole() =>
        ReleasePlan.Split(3 * Page, 4 * Page, 16 * Page).Should().Be((R(3, 4), R(7, 0)));

    [Fact]
    public void BeyondTheKeptBoundEverythingIsDiscarded() =>
        ReleasePlan.Split(0, 10 * Page, 4 * Page).Should().Be((R(0, 4), R(4, 6)));

    [Fact]
    public void AMemoryStraddlingTheKeptBoundIsKeptBelowItAndDiscardedAbove() =>
        ReleasePlan.Split(2 * Page, 6 * Page, 5 * Page).Should().Be((R(2, 3), R(5, 3)));

    [Fact]
    public void AMemoryAboveTheKeptBoundIsDiscardedWhole() =>
        ReleasePlan.Split(6 * Page, 2 * Page, 4 * Page).Should().Be((R(6, 0), R(6, 2)));

    [Fact]
    public void AnEmptyMemoryNeedsNothing() =>
        ReleasePlan.Split(4 * Page, 0, 8 * Page).Should().Be((R(4, 0), R(4, 0)));

    [Fact]
    public void ResidencyIsAskedOnlyForKeptPartsLargerThanWhatAMemsetCostsLess()
    {
        ReleasePlan.AsksResidency(new ReleasePlan.Range(0, ReleasePlan.ResidencyWorthAskingAbove)).Should().BeFalse();
        ReleasePlan.AsksResidency(new ReleasePlan.Range(0, ReleasePlan.ResidencyWorthAskingAbove + Page)).Should().BeTrue();
    }
}
