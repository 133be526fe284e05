using Booster.Operator.Reconciliation;
using Booster.Operator.Watching;
using static Booster.Operator.Reconciliation.ReconcileTriggers;

namespace Booster.Operator.Tests.Reconciliation;

public class ReconcileTriggersTests
{
    [Fact]
    public void ARuntimeIsReconciledWhenNewWhenItsSpecChangesAndWhenItsDeletionBegins()
    {
        Runtime(WatchChange.Upserted, null, new RuntimeRevision(1, false)).Should().BeTrue("first seen");
        Runtime(WatchChange.Upserted, new RuntimeRevision(1, false), new RuntimeRevision(2, false)).Should().BeTrue("the spec changed");
        Runtime(WatchChange.Upserted, new RuntimeRevision(2, false), new RuntimeRevision(3, true)).Should().BeTrue("deletion began");
        Runtime(WatchChange.Deleted, new RuntimeRevision(3, true), new RuntimeRevision(3, true)).Should().BeTrue("gone");
    }

    [Fact]
    public void AStatusOrMetadataWriteOfTheRuntimeIsNoReason() =>
        Runtime(WatchChange.Upserted, new RuntimeRevision(2, false), new RuntimeRevision(2, false)).Should().BeFalse();

    [Fact]
    public void AnOwnedObjectIsReconciledUnlessTheChangeIsTheOperatorsOwnWrite()
    {
        Owned(WatchChange.Upserted, ownWrite: false).Should().BeTrue();
        Owned(WatchChange.Upserted, ownWrite: true).Should().BeFalse();
        Owned(WatchChange.Deleted, ownWrite: true).Should().BeTrue("a deleted object is always news");
    }
}
