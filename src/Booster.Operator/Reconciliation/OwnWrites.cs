using System.Collections.Concurrent;
using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The resourceVersion of the operator's last write of each object (an apply, a status patch),
/// so that the watch event of that very write does not queue another reconcile: the reconcile
/// that wrote it already knows everything the event would tell.
/// </summary>
internal sealed class OwnWrites
{
    private readonly ConcurrentDictionary<(string Kind, ObjectKey Key), string> _last = new();

    public void Record(string kind, ObjectKey key, string? resourceVersion)
    {
        if (resourceVersion is not null) _last[(kind, key)] = resourceVersion;
    }

    /// <summary>True when the object at this version is the operator's own last write.</summary>
    public bool IsOwn(string kind, ObjectKey key, string? resourceVersion) =>
        resourceVersion is not null && _last.TryGetValue((kind, key), out var own) && own == resourceVersion;

    public void Forget(ObjectKey key)
    {
        foreach (var entry in _last.Keys.Where(k => k.Key == key)) _last.TryRemove(entry, out _);
    }
}
