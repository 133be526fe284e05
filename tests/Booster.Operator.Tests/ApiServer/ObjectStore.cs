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
/// nothing is not a change; field ownership per manager (<see cref="ManagedFields"/>) and
/// server-side apply (<see cref="ServerSideApply"/>); the built-in objects' normalisation,
/// defaults and validation (<see cref="BuiltInObjects"/>); every change is kept in a history
/// that watches replay from a resourceVersion, until <see cref="Expire"/> compacts it (then 410).
/// Deletion follows the garbage collector, done at once: an object with finalizers only gets a
/// deletionTimestamp and goes when its last finalizer is removed; propagation Background deletes
/// the dependents whose every owner is gone, Foreground first (finalizer foregroundDeletion)
/// waits until no dependent with blockOwnerDeletion is left, Orphan removes the owner reference
/// from the dependents. An object created for owners that are all gone is deleted.
/// Everything happens under one lock.
/// </summary>
internal sealed class ObjectStore(Func<DateTime> clock)
{
    public const string ForegroundDeletion = "foregroundDeletion";

    private readonly object _gate = new();
    private readonly Dictionary<(ApiResource, string, string), JsonObject> _objects = [];
    private readonly List<StoredEvent> _history = [];
    private readonly List<WatchSubscription> _watches = [];
    private readonly List<Action<ApiResource, JsonObject, IEnumerable<(ApiResource Resource, JsonObject Object)>>> _admissions = [];
    private long _revision = 100;
    private long _oldestWatchable;

    /// <summary>
    /// A validating admission webhook, as an installed operator (KEDA) brings one: called on every
    /// create with the new object and every stored one; it throws an <see cref="ApiError"/> to refuse.
    /// </summary>
    public void AddAdmission(Action<ApiResource, JsonObject, IEnumerable<(ApiResource Resource, JsonObject Object)>> check)
    {
        lock (_gate) _admissions.Add(check);
    }

    public long Revision
    {
        get { lock (_gate) return _revision; }
    }

    public JsonObject Create(ApiResource resource, string? ns, JsonObject body, string manager = "fixture")
    {
        lock (_gate)
        {
            var obj = body.DeepClone().AsObject();
            var metadata = Metadata(obj);
            var name = (string?)metadata["name"];
            if (string.IsNullOrEmpty(name) && (string?)metadata["generateName"] is { Length: > 0 } prefix)
                name = prefix + Guid.NewGuid().ToString("N")[..5];
            if (string.IsNullOrEmpty(name)) throw ApiError.Invalid("metadata.name: Required value: name or generateName is required");
            ns = CheckNamespace(resource, ns, metadata);
            if (_objects.ContainsKey((resource, ns ?? "", name))) throw ApiError.AlreadyExists(resource, name);
            metadata["name"] = name;
            metadata.Remove("managedFields");
            var prepared = Prepare(resource, obj);
            ManagedFields.RecordUpdate(null, prepared, manager, resource.GroupVersion, Now());
            return Insert(resource, ns, name, prepared);
        }
    }

    /// <summary>A server-side apply: creates the object or applies the fields <paramref name="manager"/> now sends.</summary>
    public (JsonObject Object, bool Created) Apply(ApiResource resource, string? ns, string name, JsonObject body, string manager, bool force)
    {
        lock (_gate)
        {
            if ((string?)body["apiVersion"] != resource.GroupVersion || (string?)body["kind"] != resource.Kind)
                throw ApiError.BadRequest($"an apply needs apiVersion {resource.GroupVersion} and kind {resource.Kind}");
            var metadata = Metadata(body);
            if ((string?)metadata["name"] is { } bodyName && bodyName != name)
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            ns = CheckNamespace(resource, ns, metadata);
            var applied = body.DeepClone().AsObject();
            if (BuiltInObjects.Covers(resource)) BuiltInObjects.Normalize(applied);
            var stored = _objects.GetValueOrDefault((resource, ns ?? "", name));
            if (stored is not null) CheckResourceVersion(resource, name, stored, (string?)metadata["resourceVersion"]);
            var next = ServerSideApply.Apply(stored, applied, manager, force, resource.GroupVersion, Now());
            if (stored is not null) return (Write(resource, ns, name, stored, next, WriteScope.Main, manager: null), false);
            next["apiVersion"] = resource.GroupVersion;
            next["kind"] = resource.Kind;
            Metadata(next)["name"] = name;
            return (Insert(resource, ns, name, Prepare(resource, next)), true);
        }
    }

    public JsonObject Get(ApiResource resource, string? ns, string name)
    {
        lock (_gate) return Find(resource, ns, name).DeepClone().AsObject();
    }

    public (List<JsonObject> Items, long Revision) List(ApiResource resource, string? ns, LabelSelector selector)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(entry => entry.Key.Item1 == resource && (ns is null || entry.Key.Item2 == ns) && selector.Matches(entry.Value))
                .OrderBy(entry => entry.Key.Item2, StringComparer.Ordinal).ThenBy(entry => entry.Key.Item3, StringComparer.Ordinal)
                .Select(entry => entry.Value.DeepClone().AsObject())
                .ToList();
            return (items, _revision);
        }
    }

    /// <summary>A PUT: the body replaces the object (or its status), if its resourceVersion is current.</summary>
    public JsonObject Update(ApiResource resource, string? ns, string name, JsonObject body, WriteScope scope, string manager = "fixture")
    {
        lock (_gate)
        {
            var stored = Find(resource, ns, name);
            CheckResourceVersion(resource, name, stored, (string?)body["metadata"]?["resourceVersion"]);
            CheckNamespace(resource, ns, Metadata(body));
            if ((string?)body["metadata"]?["name"] is { } bodyName && bodyName != name)
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            return Write(resource, ns, name, stored, body.DeepClone().AsObject(), scope, manager);
        }
    }

    /// <summary>A PATCH or scale write: <paramref name="change"/> turns the stored object into the new one.</summary>
    public JsonObject Mutate(ApiResource resource, string? ns, string name, Func<JsonObject, JsonObject> change, WriteScope scope, string manager = "fixture")
    {
        lock (_gate)
        {
            var stored = Find(resource, ns, name);
            var next = change(stored.DeepClone().AsObject());
            CheckResourceVersion(resource, name, stored, (string?)next["metadata"]?["resourceVersion"]);
            return Write(resource, ns, name, stored, next, scope, manager);
        }
    }

    /// <summary>
    /// A DELETE with a propagationPolicy (Background when null). Returns the object as it was
    /// removed, or as it stays while finalizers hold it.
    /// </summary>
    public JsonObject Delete(ApiResource resource, string? ns, string name, string? propagationPolicy = null)
    {
        lock (_gate)
        {
            var stored = Find(resource, ns, name);
            var policy = propagationPolicy ?? "Background";
            if (policy is not ("Background" or "Foreground" or "Orphan"))
                throw ApiError.BadRequest($"unknown propagationPolicy {policy}: Background, Foreground or Orphan");
            var uid = Uid(stored);
            if (policy == "Orphan")
                foreach (var dependent in Dependents(uid)) DropOwnerReference(dependent, uid);

            var finalizers = Finalizers(stored);
            if (policy == "Foreground" && Dependents(uid).Any() && !finalizers.Contains(ForegroundDeletion)) finalizers.Add(ForegroundDeletion);
            if (finalizers.Count == 0) return Remove(resource, ns, name);

            var terminating = stored.DeepClone().AsObject();
            var metadata = Metadata(terminating);
            if (metadata["deletionTimestamp"] is null)
            {
                metadata["deletionTimestamp"] = Now();
                metadata["deletionGracePeriodSeconds"] = 0;
                metadata["generation"] = (long)metadata["generation"]! + 1;
            }
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)f).ToArray());
            var marked = Commit("MODIFIED", resource, ns, name, terminating, stored);
            if (policy == "Foreground")
            {
                foreach (var dependent in Dependents(uid).ToList())
                {
                    if (OtherOwnersExist(dependent.Object, uid)) DropOwnerReference(dependent, uid);
                    else if (_objects.ContainsKey(dependent.Key)) Delete(dependent.Key.Item1, Ns(dependent.Key.Item2), dependent.Key.Item3, "Foreground");
                }
                return FinishForeground(uid) ?? marked;
            }
            return marked;
        }
    }

    /// <summary>The foreground deletion of <paramref name="uid"/> ends when no blocking dependent is left.</summary>
    private JsonObject? FinishForeground(string? uid)
    {
        var owner = _objects.FirstOrDefault(entry => Uid(entry.Value) == uid);
        if (owner.Value is null || !Finalizers(owner.Value).Contains(ForegroundDeletion)) return null;
        if (Dependents(uid).Any(d => OwnerReference(d.Object, uid)?["blockOwnerDeletion"] is JsonValue b && (bool)b)) return null;
        var next = owner.Value.DeepClone().AsObject();
        var finalizers = Finalizers(next);
        finalizers.Remove(ForegroundDeletion);
        Metadata(next)["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)f).ToArray());
        var (r, n, name) = owner.Key;
        return Write(r, Ns(n), name, owner.Value, next, WriteScope.Main, manager: null);
    }

    /// <summary>Opens a watch. Without a resourceVersion (or "0") it starts with ADDED for every current object.</summary>
    public WatchSubscription Watch(ApiResource resource, string? ns, LabelSelector selector, string? resourceVersion, bool bookmarks)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(resource, ns, selector, bookmarks);
            if (resourceVersion is null or "" or "0")
            {
                foreach (var ((r, n, _), obj) in _objects.Where(entry => entry.Key.Item1 == resource))
                    subscription.Offer(new StoredEvent(_revision, "ADDED", r, n.Length == 0 ? null : n, obj, null));
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var since))
                    throw ApiError.BadRequest($"invalid resourceVersion {resourceVersion}");
                if (since < _oldestWatchable)
                {
                    // What the API server does: a 200 stream whose only event is a 410 Status.
                    subscription.Fail(ApiError.Gone(since));
                    return subscription;
                }
                foreach (var e in _history.Where(e => e.Revision > since)) subscription.Offer(e);
            }
            _watches.Add(subscription);
            return subscription;
        }
    }

    public void Unwatch(WatchSubscription subscription)
    {
        lock (_gate) _watches.Remove(subscription);
    }

    /// <summary>Compacts the history: open watches end with 410 and no resourceVersion seen so far can be resumed.</summary>
    public void Expire()
    {
        lock (_gate)
        {
            _oldestWatchable = _revision + 1;
            _history.Clear();
            foreach (var watch in _watches) watch.Fail(ApiError.Gone(_revision));
            _watches.Clear();
        }
    }

    /// <summary>Cuts every open watch's connection, without an error event.</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches) watch.Close(abort: true);
            _watches.Clear();
        }
    }

    /// <summary>Sends a BOOKMARK with the current revision to every watch that asked for bookmarks.</summary>
    public void Bookmark()
    {
        lock (_gate)
            foreach (var watch in _watches) watch.Bookmark(_revision);
    }

    private JsonObject Write(ApiResource resource, string? ns, string name, JsonObject stored, JsonObject next, WriteScope scope, string? manager)
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
            var serverFields = manager is null
                ? new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" }
                : ["name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"];
            foreach (var field in serverFields)
            {
                if (storedMetadata[field] is { } value) metadata[field] = value.DeepClone();
                else metadata.Remove(field);
            }
            // Through the main resource, a resource with a status subresource keeps its status.
            if (resource.HasStatus) result["status"] = stored["status"]?.DeepClone();
            result = Prepare(resource, result);
            if (manager is not null) ManagedFields.RecordUpdate(stored, result, manager, resource.GroupVersion, Now());
            if (!JsonNode.DeepEquals(Content(stored), Content(result)))
                metadata["generation"] = long.Parse(storedMetadata["generation"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
        }
        if (result["status"] is null) result.Remove("status");

        result["metadata"]!["resourceVersion"] = stored["metadata"]!["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(stored, result)) return stored.DeepClone().AsObject(); // a no-op write is not a change
        // The last finalizer of an object being deleted is gone: now it goes.
        if (result["metadata"]!["deletionTimestamp"] is not null && Finalizers(result).Count == 0)
        {
            Commit("MODIFIED", resource, ns, name, result, stored);
            return Remove(resource, ns, name);
        }
        return Commit("MODIFIED", resource, ns, name, result, stored);
    }

    /// <summary>Normalisation, defaults and validation of a write, then the CRD's schema defaults.</summary>
    private JsonObject Prepare(ApiResource resource, JsonObject obj)
    {
        // A body may leave them out (typed clients do); what the server stores and answers has them.
        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
        if (BuiltInObjects.Covers(resource))
        {
            BuiltInObjects.Normalize(obj);
            BuiltInObjects.Default(resource.Kind, obj, _revision);
            BuiltInObjects.Validate(resource.Kind, obj);
        }
        SchemaDefaults.Apply(resource.Schema, obj);
        return obj;
    }

    private JsonObject Insert(ApiResource resource, string? ns, string name, JsonObject obj)
    {
        var metadata = Metadata(obj);
        if (ns is not null) metadata["namespace"] = ns;
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1L;
        foreach (var field in new[] { "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion" }) metadata.Remove(field);
        if (resource.HasStatus) obj.Remove("status");
        foreach (var admit in _admissions) admit(resource, obj, _objects.Select(entry => (entry.Key.Item1, entry.Value)));
        var created = Commit("ADDED", resource, ns, name, obj, previous: null);
        // The garbage collector removes an object whose every owner is gone (here: at once).
        if (metadata["ownerReferences"] is JsonArray { Count: > 0 } owners && !owners.Any(o => OwnerExists((string?)o?["uid"])))
            Delete(resource, ns, name);
        return created;
    }

    /// <summary>Takes the object out of the store, then collects its dependents (background).</summary>
    private JsonObject Remove(ApiResource resource, string? ns, string name)
    {
        var stored = Find(resource, ns, name);
        _objects.Remove((resource, ns ?? "", name));
        var deleted = Commit("DELETED", resource, ns, name, stored.DeepClone().AsObject(), stored, keep: false);
        var uid = Uid(stored);
        foreach (var dependent in Dependents(uid).ToList())
        {
            if (!_objects.ContainsKey(dependent.Key)) continue;
            if (OtherOwnersExist(dependent.Object, uid)) DropOwnerReference(dependent, uid);
            else Delete(dependent.Key.Item1, Ns(dependent.Key.Item2), dependent.Key.Item3);
        }
        // An owner in foreground deletion may have been waiting for this object.
        foreach (var owner in (stored["metadata"]?["ownerReferences"] as JsonArray ?? []).Select(o => (string?)o?["uid"]).ToList())
            FinishForeground(owner);
        return deleted;
    }

    private IEnumerable<((ApiResource, string, string) Key, JsonObject Object)> Dependents(string? uid) =>
        _objects.Where(entry => OwnerReference(entry.Value, uid) is not null).Select(entry => (entry.Key, entry.Value)).ToList();

    private static JsonObject? OwnerReference(JsonObject obj, string? uid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(o => (string?)o["uid"] == uid);

    private bool OtherOwnersExist(JsonObject obj, string? uid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => (string?)o?["uid"] != uid && OwnerExists((string?)o?["uid"]));

    private void DropOwnerReference(((ApiResource, string, string) Key, JsonObject Object) dependent, string? uid)
    {
        var next = dependent.Object.DeepClone().AsObject();
        var owners = (JsonArray)next["metadata"]!["ownerReferences"]!;
        owners.Remove(owners.First(o => (string?)o?["uid"] == uid));
        if (owners.Count == 0) next["metadata"]!.AsObject().Remove("ownerReferences");
        Write(dependent.Key.Item1, Ns(dependent.Key.Item2), dependent.Key.Item3, dependent.Object, next, WriteScope.Main, "garbage-collector");
    }

    private static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => (string)f!).ToList();

    private static string? Uid(JsonObject obj) => (string?)obj["metadata"]?["uid"];

    private static string? Ns(string ns) => ns.Length == 0 ? null : ns;

    private string Now() => clock().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonObject Commit(string type, ApiResource resource, string? ns, string name, JsonObject obj, JsonObject? previous, bool keep = true)
    {
        _revision++;
        obj["metadata"]!["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        if (keep) _objects[(resource, ns ?? "", name)] = obj;
        var e = new StoredEvent(_revision, type, resource, ns, obj.DeepClone().AsObject(), previous?.DeepClone().AsObject());
        _history.Add(e);
        foreach (var watch in _watches) watch.Offer(e);
        return obj.DeepClone().AsObject();
    }

    private bool OwnerExists(string? uid) => _objects.Values.Any(o => (string?)o["metadata"]?["uid"] == uid);

    private JsonObject Find(ApiResource resource, string? ns, string name) =>
        _objects.GetValueOrDefault((resource, ns ?? "", name)) ?? throw ApiError.NotFound(resource, name);

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
