using Booster.Operator.Queue;
using Booster.Operator.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>One kind of object a BoosterRuntime owns: its cache, and how to apply or remove it.</summary>
internal interface IOwnedResource
{
    string Kind { get; }

    bool Synced { get; }

    /// <summary>The resourceVersion of the cached object at <paramref name="key"/>, if the cache holds one.</summary>
    string? CachedVersion(ObjectKey key);

    bool Handles(IKubernetesObject<V1ObjectMeta> desired);

    /// <summary>Creates the object, or updates it where it drifted from <paramref name="desired"/>.</summary>
    Task<ApplyOutcome> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, string ownerUid, CancellationToken cancellationToken);

    /// <summary>Deletes the object at <paramref name="key"/> when the owner controls it and no longer wants it; true when deleted.</summary>
    Task<bool> DeleteIfOwnedAsync(ObjectKey key, string ownerUid, CancellationToken cancellationToken);

    /// <summary>The list/watch loop that feeds the cache, until cancelled; every changed object goes to <paramref name="onChange"/>.</summary>
    Task WatchAsync(Action<IKubernetesObject<V1ObjectMeta>> onChange, ExponentialBackoff backoff, ILogger logger,
        Action<string, string>? onRestart, CancellationToken cancellationToken);
}
