using System.Collections.Concurrent;
using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The last finished reconcile of each BoosterRuntime, with the resourceVersions it read from the
/// caches when it started. A reconcile that read a version has acted on that write (and on every
/// earlier one), so whoever made a write can tell when the operator has dealt with it — the
/// end-to-end tests wait on this before checking that a change left the owned objects alone.
/// One entry per key, dropped when the runtime is gone.
/// </summary>
internal sealed class ReconcileLog
{
    private readonly ConcurrentDictionary<ObjectKey, ReconcileRecord> _last = new();
    private long _sequence;

    public ReconcileRecord? Last(ObjectKey key) => _last.GetValueOrDefault(key);

    internal void Record(ObjectKey key, ReconcileInputs inputs, string outcome)
    {
        if (outcome == "not_found")
        {
            _last.TryRemove(key, out _);
            return;
        }
        _last[key] = new ReconcileRecord(Interlocked.Increment(ref _sequence), outcome, inputs.RuntimeVersion, inputs.OwnedVersions);
    }
}

/// <summary>
/// One finished reconcile: its order among all reconciles, how it ended (the metrics' result
/// label: success, invalid_spec, error, conflict), and the resourceVersions it read: of the
/// runtime and of each owned kind (null where the cache held no such object).
/// </summary>
internal sealed record ReconcileRecord(long Sequence, string Outcome, string? RuntimeVersion, IReadOnlyDictionary<string, string?> OwnedVersions);

/// <summary>What a reconcile read from the caches before doing anything.</summary>
internal sealed record ReconcileInputs(string? RuntimeVersion, IReadOnlyDictionary<string, string?> OwnedVersions);
