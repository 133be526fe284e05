using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>
/// The local copy of one kind of object that a <see cref="ResourceWatcher{T}"/> keeps up to
/// date. Readers get the last version the watch delivered; writers that act on a stale copy
/// are stopped by the API server's resourceVersion check (409) and retry.
/// </summary>
internal sealed class ObjectCache<T> : ICacheProgress where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly object _gate = new();
    private readonly Dictionary<ObjectKey, T> _objects = [];
    private volatile bool _synced;
    private volatile string? _observedVersion;
    private volatile bool _absent;

    /// <summary>True once the first list has been loaded.</summary>
    public bool Synced => _synced;

    public string? ObservedVersion => _observedVersion;

    public bool Absent => _absent;

    internal void Observe(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion)) return;
        _observedVersion = resourceVersion;
        _absent = false;
    }

    /// <summary>The kind is not served: the cache is empty, and loaded, until a list finds it served.</summary>
    internal IReadOnlyList<T> MarkAbsent()
    {
        var gone = Replace([]);
        _absent = true;
        return gone;
    }

    public T? Get(ObjectKey key)
    {
        lock (_gate) return _objects.GetValueOrDefault(key);
    }

    public IReadOnlyList<T> List()
    {
        lock (_gate) return _objects.Values.ToList();
    }

    internal void Upsert(T obj)
    {
        lock (_gate) _objects[ObjectKey.Of(obj)] = obj;
    }

    internal void Remove(T obj)
    {
        lock (_gate) _objects.Remove(ObjectKey.Of(obj));
    }

    /// <summary>Replaces the contents with a fresh list; returns the objects that disappeared.</summary>
    internal IReadOnlyList<T> Replace(IEnumerable<T> items)
    {
        lock (_gate)
        {
            var fresh = items.ToDictionary(ObjectKey.Of);
            var gone = _objects.Where(entry => !fresh.ContainsKey(entry.Key)).Select(entry => entry.Value).ToList();
            _objects.Clear();
            foreach (var (key, value) in fresh) _objects[key] = value;
            _synced = true;
            return gone;
        }
    }
}
