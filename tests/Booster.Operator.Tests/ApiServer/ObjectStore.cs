using System.Globalization;
using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>What a write touches: the object (status kept as stored), or only its status.</summary>
internal enum WriteScope
{
    Main,
    Status,
}

/// <summary>
/// The fixture's storage, with the API server's rules that the operator relies on: one global
/// revision counter as resourceVersion; writes with a stale resourceVersion fail with 409;
/// metadata.generation moves only when something other than metadata and status changes (after
/// a CRD's schema defaults are applied, as the API server applies them on every write); the
/// status of a resource with a status subresource changes only through it; a write that changes
/// nothing is not a change; every change is kept in a history that watches replay from a
/// resourceVersion, until <see cref="Expire"/> compacts it (then 410); deleting an object deletes
/// what it owns, and an object created for an owner that is gone is deleted (the garbage
/// collector's work, done at once). Everything happens under one lock.
/// </summary>
internal sealed class ObjectStore(Func<DateTime> clock)
{
    private readonly object gate = new();
    private readonly Dictionary<(ApiResource, string, string), JsonObject> objects = [];
    private readonly List<StoredEvent> history = [];
    private readonly List<WatchSubscription> watches = [];
    private long revision = 100;
    private long oldestWatchable;

    public long Revision
    {
        get { lock (gate) return revision; }
    }

    public JsonObject Create(ApiResource resource, string? ns, JsonObject body)
    {
        lock (gate)
        {
            var obj = body.DeepClone().AsObject();
            var metadata = Metadata(obj);
            var name = (string?)metadata["name"];
            if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
                name = prefix + Guid.NewGuid().ToString("N")[..5];
            if (string.IsNullOrEmpty(name)) throw ApiError.Invalid("metadata.name: Required value: name or generateName is required");
            ns = CheckNamespace(resource, ns, metadata);
            if (objects.ContainsKey((resource, ns ?? "", name))) throw ApiError.AlreadyExists(resource, name);

            metadata["name"] = name;
            if (ns is not null) metadata["namespace"] = ns;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = clock().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            metadata["generation"] = 1L;
            if (resource.HasStatus) obj.Remove("status");
            SchemaDefaults.Apply(resource.Schema, obj);
            var created = Commit("ADDED", resource, ns, name, obj, previous: null);
            // The garbage collector removes an object whose every owner is gone (here: at once).
            if (metadata["ownerReferences"] is JsonArray { Count: > 0 } owners && !owners.Any(o => OwnerExists((string?)o?["uid"])))
                Delete(resource, ns, name);
            return created;
        }
    }

    public JsonObject Get(ApiResource resource, string? ns, string name)
    {
        lock (gate) return Find(resource, ns, name).DeepClone().AsObject();
    }

    public (List<JsonObject> Items, long Revision) List(ApiResource resource, string? ns, LabelSelector selector)
    {
        lock (gate)
        {
            var items = objects
                .Where(entry => entry.Key.Item1 == resource && (ns is null || entry.Key.Item2 == ns) && selector.Matches(entry.Value))
                .OrderBy(entry => entry.Key.Item2, StringComparer.Ordinal).ThenBy(entry => entry.Key.Item3, StringComparer.Ordinal)
                .Select(entry => entry.Value.DeepClone().AsObject())
                .ToList();
            return (items, revision);
        }
    }

    /// <summary>A PUT: the body replaces the object (or its status), if its resourceVersion is current.</summary>
    public JsonObject Update(ApiResource resource, string? ns, string name, JsonObject body, WriteScope scope)
    {
        lock (gate)
        {
            var stored = Find(resource, ns, name);
            CheckResourceVersion(resource, name, stored, (string?)body["metadata"]?["resourceVersion"]);
            CheckNamespace(resource, ns, Metadata(body));
            if ((string?)body["metadata"]?["name"] is { } bodyName && bodyName != name)
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            return Write(resource, ns, name, stored, body.DeepClone().AsObject(), scope);
        }
    }

    /// <summary>A PATCH or scale write: <paramref name="change"/> turns the stored object into the new one.</summary>
    public JsonObject Mutate(ApiResource resource, string? ns, string name, Func<JsonObject, JsonObject> change, WriteScope scope)
    {
        lock (gate)
        {
            var stored = Find(resource, ns, name);
            var next = change(stored.DeepClone().AsObject());
            CheckResourceVersion(resource, name, stored, (string?)next["metadata"]?["resourceVersion"]);
            return Write(resource, ns, name, stored, next, scope);
        }
    }

    public JsonObject Delete(ApiResource resource, string? ns, string name)
    {
        lock (gate)
        {
            var stored = Find(resource, ns, name);
            objects.Remove((resource, ns ?? "", name));
            var deleted = Commit("DELETED", resource, ns, name, stored.DeepClone().AsObject(), stored, keep: false);
            // The garbage collector's cascade: whatever this object controlled or owned goes too.
            var uid = (string?)stored["metadata"]!["uid"];
            foreach (var ((r, n, dependent), obj) in objects.ToList())
            {
                if (objects.ContainsKey((r, n, dependent))
                    && obj["metadata"]?["ownerReferences"] is JsonArray owners && owners.Any(o => (string?)o?["uid"] == uid))
                    Delete(r, n.Length == 0 ? null : n, dependent);
            }
            return deleted;
        }
    }

    /// <summary>Opens a watch. Without a resourceVersion (or "0") it starts with ADDED for every current object.</summary>
    public WatchSubscription Watch(ApiResource resource, string? ns, LabelSelector selector, string? resourceVersion, bool bookmarks)
    {
        lock (gate)
        {
            var subscription = new WatchSubscription(resource, ns, selector, bookmarks);
            if (resourceVersion is null or "" or "0")
            {
                foreach (var ((r, n, _), obj) in objects.Where(entry => entry.Key.Item1 == resource))
                    subscription.Offer(new StoredEvent(revision, "ADDED", r, n.Length == 0 ? null : n, obj, null));
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var since))
                    throw ApiError.BadRequest($"invalid resourceVersion {resourceVersion}");
                if (since < oldestWatchable)
                {
                    // What the API server does: a 200 stream whose only event is a 410 Status.
                    subscription.Fail(ApiError.Gone(since));
                    return subscription;
                }
                foreach (var e in history.Where(e => e.Revision > since)) subscription.Offer(e);
            }
            watches.Add(subscription);
            return subscription;
        }
    }

    public void Unwatch(WatchSubscription subscription)
    {
        lock (gate) watches.Remove(subscription);
    }

    /// <summary>Compacts the history: open watches end with 410 and no resourceVersion seen so far can be resumed.</summary>
    public void Expire()
    {
        lock (gate)
        {
            oldestWatchable = revision + 1;
            history.Clear();
            foreach (var watch in watches) watch.Fail(ApiError.Gone(revision));
            watches.Clear();
        }
    }

    /// <summary>Cuts every open watch's connection, without an error event.</summary>
    public void DropWatches()
    {
        lock (gate)
        {
            foreach (var watch in watches) watch.Close(abort: true);
            watches.Clear();
        }
    }

    /// <summary>Sends a BOOKMARK with the current revision to every watch that asked for bookmarks.</summary>
    public void Bookmark()
    {
        lock (gate)
            foreach (var watch in watches) watch.Bookmark(revision);
    }

    private JsonObject Write(ApiResource resource, string? ns, string name, JsonObject stored, JsonObject next, WriteScope scope)
    {
        JsonObject result;
        if (scope == WriteScope.Status)
        {
            // Only the status changes through the status subresource.
            result = stored.DeepClone().AsObject();
            result["status"] = next["status"]?.DeepClone();
        }
        else
        {
            result = next;
            var metadata = Metadata(result);
            var storedMetadata = stored["metadata"]!.AsObject();
            foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation" })
                metadata[field] = storedMetadata[field]?.DeepClone();
            // Through the main resource, a resource with a status subresource keeps its status.
            if (resource.HasStatus) result["status"] = stored["status"]?.DeepClone();
            if (!JsonNode.DeepEquals(Content(stored), Content(result)))
                metadata["generation"] = long.Parse(storedMetadata["generation"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
        }
        if (result["status"] is null) result.Remove("status");
        SchemaDefaults.Apply(resource.Schema, result);

        result["metadata"]!["resourceVersion"] = stored["metadata"]!["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(stored, result)) return stored.DeepClone().AsObject(); // a no-op write is not a change
        return Commit("MODIFIED", resource, ns, name, result, stored);
    }

    private JsonObject Commit(string type, ApiResource resource, string? ns, string name, JsonObject obj, JsonObject? previous, bool keep = true)
    {
        revision++;
        obj["metadata"]!["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        if (keep) objects[(resource, ns ?? "", name)] = obj;
        var e = new StoredEvent(revision, type, resource, ns, obj.DeepClone().AsObject(), previous?.DeepClone().AsObject());
        history.Add(e);
        foreach (var watch in watches) watch.Offer(e);
        return obj.DeepClone().AsObject();
    }

    private bool OwnerExists(string? uid) => objects.Values.Any(o => (string?)o["metadata"]?["uid"] == uid);

    private JsonObject Find(ApiResource resource, string? ns, string name) =>
        objects.GetValueOrDefault((resource, ns ?? "", name)) ?? throw ApiError.NotFound(resource, name);

    private static void CheckResourceVersion(ApiResource resource, string name, JsonObject stored, string? given)
    {
        if (!string.IsNullOrEmpty(given) && given != (string?)stored["metadata"]!["resourceVersion"])
            throw ApiError.Conflict(resource, name);
    }

    private static string? CheckNamespace(ApiResource resource, string? ns, JsonObject metadata)
    {
        if (!resource.Namespaced) return null;
        var given = (string?)metadata["namespace"];
        if (given is not null && ns is not null && given != ns)
            throw ApiError.BadRequest($"the namespace of the object ({given}) does not match the namespace on the request ({ns})");
        return ns ?? given ?? throw ApiError.BadRequest("a namespace is required");
    }

    private static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    /// <summary>What generation counts: everything but metadata and status.</summary>
    private static JsonObject Content(JsonObject obj) =>
        new(obj.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
}
