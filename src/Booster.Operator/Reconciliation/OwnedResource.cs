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
/// Applies one kind of owned object with get/create/update: the current object comes from the
/// cache, a write happens only when <see cref="Drift"/> finds a field the operator sets that
/// differs, and every update carries the resourceVersion it was computed from, so a write based
/// on a stale copy fails with 409 and the reconcile is retried. The per-kind API calls are
/// passed in; the logic is the same for every kind.
/// </summary>
internal sealed class OwnedResource<T> : IOwnedResource where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ListWatch<T> listWatch;
    private readonly Func<T, string, CancellationToken, Task<T>> create;
    private readonly Func<T, string, string, CancellationToken, Task<T>> replace;
    private readonly Func<string, string, CancellationToken, Task<T>> read;
    private readonly Func<string, string, CancellationToken, Task> delete;

    public OwnedResource(string kind, ListWatch<T> listWatch,
        Func<T, string, CancellationToken, Task<T>> create,
        Func<T, string, string, CancellationToken, Task<T>> replace,
        Func<string, string, CancellationToken, Task<T>> read,
        Func<string, string, CancellationToken, Task> delete)
    {
        Kind = kind;
        this.listWatch = listWatch;
        this.create = create;
        this.replace = replace;
        this.read = read;
        this.delete = delete;
    }

    public string Kind { get; }

    public ObjectCache<T> Cache { get; } = new();

    public bool Synced => Cache.Synced;

    public string? CachedVersion(ObjectKey key) => Cache.Get(key)?.Metadata.ResourceVersion;

    public bool Handles(IKubernetesObject<V1ObjectMeta> desired) => desired is T;

    public async Task<ApplyOutcome> ApplyAsync(IKubernetesObject<V1ObjectMeta> desiredObject, string ownerUid, CancellationToken cancellationToken)
    {
        var desired = (T)desiredObject;
        var key = ObjectKey.Of(desired);
        var actual = Cache.Get(key);
        if (actual is null)
        {
            try
            {
                var created = await create(desired, key.Namespace, cancellationToken).ConfigureAwait(false);
                return new ApplyOutcome(Kind, key.Name, ApplyAction.Created, [], created);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Already there: the cache lags behind, or the object lost the label the watch selects on.
                actual = await read(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
            }
        }

        EnsureControlledBy(actual, ownerUid);
        var desiredJson = ToJson(desired);
        var actualJson = ToJson(actual);
        var drift = Drift.Find(desiredJson, actualJson);
        if (drift.Count == 0) return new ApplyOutcome(Kind, key.Name, ApplyAction.Unchanged, [], actual);

        var merged = KubernetesJson.Deserialize<T>(Overlay.Apply(actualJson, desiredJson).ToJsonString());
        var updated = await replace(merged, key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
        return new ApplyOutcome(Kind, key.Name, ApplyAction.Updated, drift, updated);
    }

    public async Task<bool> DeleteIfOwnedAsync(ObjectKey key, string ownerUid, CancellationToken cancellationToken)
    {
        if (Cache.Get(key) is not { } actual || ControllerUid(actual) != ownerUid) return false;
        try
        {
            await delete(key.Name, key.Namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        return true;
    }

    public Task WatchAsync(Action<IKubernetesObject<V1ObjectMeta>> onChange, ExponentialBackoff backoff, ILogger logger,
        Action<string, string>? onRestart, CancellationToken cancellationToken) =>
        new ResourceWatcher<T>(listWatch, Cache, (_, obj) => onChange(obj), backoff, logger,
            reason => onRestart?.Invoke(listWatch.Resource, reason)).RunAsync(cancellationToken);

    /// <summary>Never take over an object that another controller owns: that would fight it forever.</summary>
    private void EnsureControlledBy(T actual, string ownerUid)
    {
        var controller = ControllerUid(actual);
        if (controller != ownerUid)
            throw new InvalidOperationException(
                $"{Kind} {actual.Metadata.Name} exists but is {(controller is null ? "not controlled by any owner" : $"controlled by another owner (uid {controller})")}; " +
                "delete it or choose another name");
    }

    private static string? ControllerUid(T obj) =>
        obj.Metadata.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true)?.Uid;

    private static JsonObject ToJson(T obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
}
