using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>
/// The local copy of one kind of object that a <see cref="ResourceWatcher{T}"/> keeps up to
/// date. Readers get the last version the watch delivered; writers that act on a stale copy
/// are stopped by the API server's resourceVersion check (409) and retry.
/// </summary>
public sealed class ObjectCache<T> : ICacheProgress where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly object gate = new();
    private readonly Dictionary<ObjectKey, T> objects = [];
    private volatile bool synced;
    private volatile string? observedVersion;
    private volatile bool absent;

    /// <summary>True once the first list has been loaded.</summary>
    public bool Synced => synced;

    public string? ObservedVersion => observedVersion;

    public bool Absent => absent;

    internal void Observe(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion)) return;
        observedVersion = resourceVersion;
        absent = false;
    }

    /// <summary>The kind is not served: the cache is empty, and loaded, until a list finds it served.</summary>
    internal IReadOnlyList<T> MarkAbsent()
    {
        var gone = Replace([]);
        absent = true;
        return gone;
    }

    public T? Get(ObjectKey key)
    {
        lock (gate) return objects.GetValueOrDefault(key);
    }

    public IReadOnlyList<T> List()
    {
        lock (gate) return objects.Values.ToList();
    }

    internal void Upsert(T obj)
    {
        lock (gate) objects[ObjectKey.Of(obj)] = obj;
    }

    internal void Remove(T obj)
    {
        lock (gate) objects.Remove(ObjectKey.Of(obj));
    }

    /// <summary>Replaces the contents with a fresh list; returns the objects that disappeared.</summary>
    internal IReadOnlyList<T> Replace(IEnumerable<T> items)
    {
        lock (gate)
        {
            var fresh = items.ToDictionary(ObjectKey.Of);
            var gone = objects.Where(entry => !fresh.ContainsKey(entry.Key)).Select(entry => entry.Value).ToList();
            objects.Clear();
            foreach (var (key, value) in fresh) objects[key] = value;
            synced = true;
            return gone;
        }
    }
}
