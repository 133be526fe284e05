using System.Net;
using System.Text.Json.Nodes;
using Booster.Operator.Queue;
using Booster.Operator.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// One kind of owned object, through the generic group/version/plural calls: its cache (fed by
/// a list/watch of the objects carrying the operator's label), server-side apply with the
/// field manager <see cref="FieldManager"/>, and deletion. An apply is sent only when
/// <see cref="Drift"/> finds a field the operator applies that differs from the cached object
/// (the applied-configuration hash among them), so a reconcile that changes nothing writes nothing.
/// </summary>
internal sealed class OwnedResource(IKubernetes client, OwnedKind kind, string? ns, TimeSpan watchTimeout, OwnWrites ownWrites)
{
    /// <summary>The field manager of every apply; forced, because every field the operator applies must be the operator's.</summary>
    public const string FieldManager = "booster-operator";

    private readonly ListWatch<ObjectDocument> _listWatch =
        ListWatches.For<ObjectDocument>(client, kind.Group, kind.Version, kind.Plural, ns, watchTimeout, ListWatches.OwnedSelector);

    public OwnedKind Kind { get; } = kind;

    public ObjectCache<ObjectDocument> Cache { get; } = new();

    public bool Synced => Cache.Synced;

    public string? CachedVersion(ObjectKey key) => Cache.Get(key)?.Metadata.ResourceVersion;

    /// <summary>Applies <paramref name="desired"/> (see <see cref="AppliedConfiguration"/>) when it differs from the cluster's copy.</summary>
    public async Task<ApplyOutcome> ApplyAsync(JsonObject desired, string ownerUid, CancellationToken cancellationToken)
    {
        var name = (string)desired["metadata"]!["name"]!;
        var key = new ObjectKey((string?)desired["metadata"]!["namespace"] ?? "", name);
        // The cache holds only objects with the operator's label; one of the same name without it
        // would be taken over by a forced apply, so it is looked for before creating.
        var actual = Cache.Get(key) ?? await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> drift = [];
        if (actual is not null)
        {
            EnsureControlledBy(actual, ownerUid);
            drift = Drift.Find(desired, actual.ToJson());
            if (drift.Count == 0) return new ApplyOutcome(Kind.Kind, name, ApplyAction.Unchanged, [], actual);
        }

        ObjectDocument applied;
        using var write = ownWrites.Begin(Kind.Kind, key);
        try
        {
            applied = await client.CustomObjects.PatchNamespacedCustomObjectAsync<ObjectDocument>(
                new V1Patch(desired.ToJsonString(), V1Patch.PatchType.ApplyPatch), Kind.Group, Kind.Version, key.Namespace, Kind.Plural, name,
                fieldManager: FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && Kind.Optional)
        {
            throw new KindNotServedException(Kind, e);
        }
        write.Completed(applied.Metadata.ResourceVersion);
        var action = actual is null ? ApplyAction.Created
            : applied.Metadata.ResourceVersion == actual.Metadata.ResourceVersion ? ApplyAction.Unchanged : ApplyAction.Updated;
        return new ApplyOutcome(Kind.Kind, name, action, drift, applied);
    }

    private async Task<ObjectDocument?> ReadAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<ObjectDocument>(Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name,
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Before the operator stops applying a field that must keep its value — spec.replicas when an
    /// HPA takes over — another field manager applies the same value, so the field is shared and
    /// stays when the operator's next apply leaves it out (Kubernetes' documented hand-over;
    /// otherwise the field would be removed and defaulted, 1 replica until the HPA reacts).
    /// </summary>
    public async Task HandOverAsync(ObjectKey key, JsonObject fields, CancellationToken cancellationToken)
    {
        if (Cache.Get(key) is not { } actual || !OwnsAny(actual, fields)) return;
        var body = new JsonObject
        {
            ["apiVersion"] = Kind.ApiVersion,
            ["kind"] = Kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace },
        };
        foreach (var (name, value) in fields) body[name] = value?.DeepClone();
        using var write = ownWrites.Begin(Kind.Kind, key);
        var applied = await client.CustomObjects.PatchNamespacedCustomObjectAsync<ObjectDocument>(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch), Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name,
            fieldManager: FieldManager + "-handover", cancellationToken: cancellationToken).ConfigureAwait(false);
        write.Completed(applied.Metadata.ResourceVersion);
    }

    /// <summary>Whether the operator's apply owns a leaf of <paramref name="fields"/> (given as {"spec":{"replicas":3}}).</summary>
    private static bool OwnsAny(ObjectDocument actual, JsonObject fields)
    {
        var owned = actual.Metadata.ManagedFields?.FirstOrDefault(f => f.Manager == FieldManager && f.Operation == "Apply")?.FieldsV1;
        if (owned is null) return false;
        var set = JsonNode.Parse(KubernetesJson.Serialize(owned));
        static bool Walk(JsonNode? set, JsonNode? value) => value is JsonObject obj
            ? obj.Any(p => set?[$"f:{p.Key}"] is { } child && Walk(child, p.Value))
            : set is not null;
        return Walk(set, fields);
    }

    /// <summary>Deletes the object at <paramref name="key"/> when the owner controls it; true when deleted.</summary>
    public async Task<bool> DeleteIfOwnedAsync(ObjectKey key, string ownerUid, CancellationToken cancellationToken)
    {
        if (Cache.Get(key) is not { } actual || ControllerUid(actual) != ownerUid) return false;
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Kind.Group, Kind.Version, key.Namespace, Kind.Plural, key.Name,
                new V1DeleteOptions { PropagationPolicy = "Background", Preconditions = new V1Preconditions { Uid = actual.Metadata.Uid } },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false; // Gone already, or replaced by a new object the next reconcile looks at.
        }
        return true;
    }

    /// <summary>The list/watch loop that feeds the cache, until cancelled; every changed object goes to <paramref name="onChange"/>.</summary>
    public Task WatchAsync(Action<WatchChange, ObjectDocument> onChange, ExponentialBackoff backoff, ILogger logger,
        Action<string, string>? onRestart, CancellationToken cancellationToken) =>
        new ResourceWatcher<ObjectDocument>(_listWatch, Cache, onChange, backoff, logger,
            reason => onRestart?.Invoke(_listWatch.Resource, reason)).RunAsync(cancellationToken);

    /// <summary>Never take over an object that another controller owns: that would fight it forever.</summary>
    private void EnsureControlledBy(ObjectDocument actual, string ownerUid)
    {
        var controller = ControllerUid(actual);
        if (controller != ownerUid)
            throw new InvalidOperationException(
                $"{Kind.Kind} {actual.Metadata.Name} exists but is {(controller is null ? "not controlled by any owner" : $"controlled by another owner (uid {controller})")}; " +
                "delete it or choose another name");
    }

    private static string? ControllerUid(ObjectDocument obj) =>
        obj.Metadata.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true)?.Uid;
}
