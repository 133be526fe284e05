using System.Collections.Concurrent;
using System.Net;
using Booster.Operator.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Switching a runtime between its two autoscalers (the HPA of <c>cpu</c>, KEDA's ScaledObject of
/// <c>concurrency</c>) must not race: KEDA's admission webhook refuses a ScaledObject while it
/// still sees an HPA on the Deployment, and reads from a cache that trails the API server; and a
/// deleted ScaledObject leaves KEDA's own HPA (<c>keda-hpa-NAME</c>) behind until KEDA or the
/// garbage collector removes it, which two HPAs on one Deployment would fight over. So the new
/// autoscaler is created only once the old one is observed gone, and a refusal by the webhook
/// shortly after a switch is waited out rather than reported as a failure.
/// </summary>
internal sealed class AutoscalerSwitch(IKubernetes client, IReadOnlyList<OwnedResource> owned, TimeProvider time)
{
    /// <summary>How long after deleting the old autoscaler a webhook's refusal of the new one counts as its cache lagging.</summary>
    public static readonly TimeSpan WebhookLagAllowance = TimeSpan.FromMinutes(2);

    /// <summary>The name KEDA gives the HPA it makes for a ScaledObject (when spec.advanced names none, as Booster's never do).</summary>
    public static string KedaHpaName(string scaledObject) => $"keda-hpa-{scaledObject}";

    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _deletedAt = new();

    public static bool IsAutoscaler(OwnedKind kind) => kind == OwnedKind.HorizontalPodAutoscaler || kind == OwnedKind.ScaledObject;

    /// <summary>The operator deleted the runtime's autoscaler of <paramref name="kind"/>.</summary>
    public void Deleted(OwnedKind kind, ObjectKey key)
    {
        if (IsAutoscaler(kind)) _deletedAt[key] = time.GetUtcNow();
    }

    /// <summary>
    /// What the new autoscaler of <paramref name="kind"/> still waits for (null: nothing, apply
    /// it). Only a creation waits: an autoscaler already there is simply kept in step.
    /// </summary>
    public async Task<string?> BlockerAsync(OwnedKind kind, ObjectKey key, CancellationToken cancellationToken)
    {
        if (!IsAutoscaler(kind) || Cache(kind).Get(key) is not null) return null;
        var other = kind == OwnedKind.ScaledObject ? OwnedKind.HorizontalPodAutoscaler : OwnedKind.ScaledObject;
        if (Cache(other).Get(key) is not null) return $"{other.Kind} {key.Name} to be gone";
        if (kind == OwnedKind.HorizontalPodAutoscaler && await ExistsAsync(key.Namespace, KedaHpaName(key.Name), cancellationToken).ConfigureAwait(false))
            return $"KEDA's HorizontalPodAutoscaler {KedaHpaName(key.Name)} to be gone";
        return null;
    }

    /// <summary>Whether a failed apply of <paramref name="kind"/> is an admission webhook that has not seen the old autoscaler go yet.</summary>
    public bool IsLaggingRefusal(OwnedKind kind, ObjectKey key, Exception e) =>
        kind == OwnedKind.ScaledObject
        && e is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } forbidden
        && (forbidden.Response.Content ?? "").Contains("admission webhook", StringComparison.Ordinal)
        && _deletedAt.TryGetValue(key, out var at) && time.GetUtcNow() - at < WebhookLagAllowance;

    public void Forget(ObjectKey key) => _deletedAt.TryRemove(key, out _);

    private ObjectCache<ObjectDocument> Cache(OwnedKind kind) => owned.Single(r => r.Kind == kind).Cache;

    private async Task<bool> ExistsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
