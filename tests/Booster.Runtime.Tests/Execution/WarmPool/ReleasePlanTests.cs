using Booster.Runtime.Execution.WarmPool;

namespace Booster.Runtime.Tests.Execution.WarmPool;

public class ReleasePlanTests
{
    private const ulong Page = 4096;

    [Fact]
    public void ResidentPagesAreZeroedInRunsAndUntouchedOnesAreSkipped()
    {
        byte[] resident = [1, 1, 0, 0, 1, 0, 1, 1];

        var (zero, discard) = ReleasePlan.Decide(0, 8 * Page, 16 * Page, Page, resident);

        zero.Should().Equal(new ReleasePlan.Range(0, 2 * Page), new ReleasePlan.Range(4 * Page, Page), new ReleasePlan.Range(6 * Page, 2 * Page));
        discard.Length.Should().Be(0);
    }

    [Fact]
    public void OnlyTheMemorysOwnRangeIsZeroedWhereverItLiesInTheRegion()
    {
        byte[] resident = [1, 0, 1];

        var (zero, discard) = ReleasePlan.Decide(5 * Page, 3 * Page, 16 * Page, Page, resident);

        zero.Should().Equal(new ReleasePlan.Range(5 * Page, Page), new ReleasePlan.Range(7 * Page, Page));
        discard.Length.Should().Be(0);
    }

    [Fact]
    public void WithoutResidencyEveryKeptByteIsZeroed()
    {
        var (zero, discard) = ReleasePlan.Decide(3 * Page, 4 * Page, 16 * Page, Page, []);

        zero.Should().Equal(new ReleasePlan.Range(3 * Page, 4 * Page));
        discard.Length.Should().Be(0);
    }

    [Fact]
    public void BeyondTheKeptBoundEverythingIsDiscarded()
    {
        byte[] resident = [1, 1, 1, 1];

        var (zero, discard) = ReleasePlan.Decide(0, 10 * Page, 4 * Page, Page, resident);

        zero.Should().Equal(new ReleasePlan.Range(0, 4 * Page));
        discard.Should().Be(new ReleasePlan.Range(4 * Page, 6 * Page));
    }

    [Fact]
    public void AMemoryStraddlingTheKeptBoundIsZeroedBelowItAndDiscardedAbove()
    {
        var (zero, discard) = ReleasePlan.Decide(2 * Page, 6 * Page, 5 * Page, Page, []);

        zero.Should().Equal(new ReleasePlan.Range(2 * Page, 3 * Page));
        discard.Should().Be(new ReleasePlan.Range(5 * Page, 3 * Page));
    }

    [Fact]
    public void AMemoryAboveTheKeptBoundIsDiscardedWhole()
    {
        var (zero, discard) = ReleasePlan.Decide(6 * Page, 2 * Page, 4 * Page, Page, []);

        zero.Should().BeEmpty();
        discard.Should().Be(new ReleasePlan.Range(6 * Page, 2 * Page));
    }

    [Fact]
    public void OnlyBitZeroOfMincoreCounts()
    {
        byte[] resident = [0xfe, 3];

        ReleasePlan.Decide(0, 2 * Page, 2 * Page, Page, resident).Zero.Should().Equal(new ReleasePlan.Range(Page, Page));
    }

    [Fact]
    public void AnEmptyMemoryNeedsNothing()
    {
        var (zero, discard) = ReleasePlan.Decide(4 * Page, 0, 8 * Page, Page, []);

        zero.Should().BeEmpty();
        discard.Length.Should().Be(0);
    }
}
