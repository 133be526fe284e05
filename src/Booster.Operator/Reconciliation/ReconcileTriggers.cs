using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Which watch events need a reconcile. Pure. A BoosterRuntime needs one when its spec changed
/// (metadata.generation moved) or its deletion began — not when its status or labels changed,
/// which the operator's own status writes do all the time. An owned object needs one whenever
/// it changed, except by the operator's own write (its drift, its deletion, and the status the
/// Deployment controller reports all matter).
/// </summary>
internal static class ReconcileTriggers
{
    /// <summary>What of a BoosterRuntime a reconcile depends on.</summary>
    public readonly record struct RuntimeRevision(long Generation, bool Deleting)
    {
        public static RuntimeRevision Of(ObjectDocument runtime) =>
            new(runtime.Metadata.Generation ?? 0, runtime.Metadata.DeletionTimestamp is not null);
    }

    public static bool Runtime(WatchChange change, RuntimeRevision? seen, RuntimeRevision now) =>
        change == WatchChange.Deleted || seen != now;

    public static bool Owned(WatchChange change, bool ownWrite) =>
        change == WatchChange.Deleted || !ownWrite;
}
