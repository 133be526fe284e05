using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The resourceVersion of the operator's last write of each owned object (an apply, a hand-over),
/// so that the watch event of that very write does not queue another reconcile: the reconcile
/// that wrote it already knows everything the event would tell.
/// </summary>
/// <remarks>
/// The API server may deliver a write's watch event before the write's own response reaches the
/// operator. So a write is announced before it is sent (<see cref="Begin"/>): an event for an
/// object with a write in flight is held, and decided when the write's version is known — its own
/// event is dropped, any other (a foreign change that slipped in, or a write that failed) queues.
/// </remarks>
internal sealed class OwnWrites
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Kind, ObjectKey Key), string> _last = [];
    private readonly Dictionary<(string Kind, ObjectKey Key), InFlight> _inFlight = [];

    /// <summary>Announces a write of the object; complete it with the version the server returned.</summary>
    public Write Begin(string kind, ObjectKey key)
    {
        lock (_gate)
        {
            if (!_inFlight.TryGetValue((kind, key), out var flight)) _inFlight[(kind, key)] = flight = new InFlight();
            flight.Writers++;
        }
        return new Write(this, (kind, key));
    }

    /// <summary>
    /// Whether a watch event at this version must queue a reconcile now: false for the operator's
    /// own last write, and false while a write of the object is in flight — then
    /// <paramref name="queueLater"/> runs once that write settles, unless the event was its own.
    /// </summary>
    public bool IsForeign(string kind, ObjectKey key, string? resourceVersion, Action queueLater)
    {
        lock (_gate)
        {
            if (resourceVersion is not null && _last.TryGetValue((kind, key), out var own) && own == resourceVersion) return false;
            if (!_inFlight.TryGetValue((kind, key), out var flight)) return true;
            flight.Held.Add((resourceVersion, queueLater));
            return false;
        }
    }

    public void Forget(ObjectKey key)
    {
        lock (_gate)
        {
            foreach (var entry in _last.Keys.Where(k => k.Key == key).ToList()) _last.Remove(entry);
        }
    }

    private void Settle((string Kind, ObjectKey Key) target, string? resourceVersion)
    {
        List<Action> queue = [];
        lock (_gate)
        {
            var flight = _inFlight[target];
            if (resourceVersion is not null)
            {
                _last[target] = resourceVersion;
                flight.Written.Add(resourceVersion);
            }
            if (--flight.Writers > 0) return;
            _inFlight.Remove(target);
            foreach (var (version, queueLater) in flight.Held)
            {
                if (version is null || !flight.Written.Contains(version)) queue.Add(queueLater);
            }
        }
        foreach (var queueLater in queue) queueLater();
    }

    private sealed class InFlight
    {
        public int Writers;
        public readonly HashSet<string> Written = [];
        public readonly List<(string? Version, Action QueueLater)> Held = [];
    }

    /// <summary>One announced write: <see cref="Completed"/> with the server's version, or disposed unfinished when it failed.</summary>
    internal sealed class Write(OwnWrites owner, (string Kind, ObjectKey Key) target) : IDisposable
    {
        private bool _settled;

        public void Completed(string? resourceVersion)
        {
            if (_settled) return;
            _settled = true;
            owner.Settle(target, resourceVersion);
        }

        public void Dispose() => Completed(null);
    }
}
