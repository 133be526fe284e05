using System.Runtime.CompilerServices;
using System.Text.Json;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>
/// The list and watch calls of every kind the operator caches, through KubernetesClient's
/// typed operations: in one namespace, or in all when <c>ns</c> is null. Watches ask for
/// bookmarks and carry a server-side timeout so that streams are renewed now and then. Owned
/// objects are selected by the managed-by label, so the caches hold only the operator's objects.
/// </summary>
public static class ListWatches
{
    /// <summary>Objects the operator created carry this label (see <see cref="Labels.For"/>).</summary>
    public const string OwnedSelector = Labels.ManagedBy + "=" + Labels.OperatorName;

    public static ListWatch<BoosterRuntimeDocument> BoosterRuntimes(IKubernetes client, string? ns, TimeSpan watchTimeout)
    {
        const string group = BoosterRuntime.Group, version = BoosterRuntime.Version, plural = BoosterRuntime.Plural;
        var timeout = Seconds(watchTimeout);
        return new(plural,
            async ct =>
            {
                using var response = ns is null
                    ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<BoosterRuntimeDocumentList>(group, version, plural, cancellationToken: ct).ConfigureAwait(false)
                    : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<BoosterRuntimeDocumentList>(group, version, ns, plural, cancellationToken: ct).ConfigureAwait(false);
                return (response.Body.Items, response.Body.Metadata?.ResourceVersion ?? "");
            },
            (rv, onError, ct) => Typed<BoosterRuntimeDocument>(ns is null
                ? client.CustomObjects.WatchListClusterCustomObjectAsync(group, version, plural,
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)
                : client.CustomObjects.WatchListNamespacedCustomObjectAsync(group, version, ns, plural,
                    allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct), onError, ct));
    }

    public static ListWatch<V1Deployment> Deployments(IKubernetes client, string? ns, TimeSpan watchTimeout) => new("deployments",
        async ct => Items(ns is null
            ? await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)
            : await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, onError, ct) => ns is null
            ? client.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct)
            : client.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct));

    public static ListWatch<V1Service> Services(IKubernetes client, string? ns, TimeSpan watchTimeout) => new("services",
        async ct => Items(ns is null
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)
            : await client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, onError, ct) => ns is null
            ? client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct)
            : client.CoreV1.WatchListNamespacedServiceAsync(ns, allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct));

    public static ListWatch<V1PodDisruptionBudget> PodDisruptionBudgets(IKubernetes client, string? ns, TimeSpan watchTimeout) => new("poddisruptionbudgets",
        async ct => Items(ns is null
            ? await client.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)
            : await client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, onError, ct) => ns is null
            ? client.PolicyV1.WatchListPodDisruptionBudgetForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct)
            : client.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns, allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct));

    public static ListWatch<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers(IKubernetes client, string? ns, TimeSpan watchTimeout) => new("horizontalpodautoscalers",
        async ct => Items(ns is null
            ? await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)
            : await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, labelSelector: OwnedSelector, cancellationToken: ct).ConfigureAwait(false)),
        (rv, onError, ct) => ns is null
            ? client.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct)
            : client.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, allowWatchBookmarks: true, labelSelector: OwnedSelector,
                resourceVersion: rv, timeoutSeconds: Seconds(watchTimeout), onError: onError, cancellationToken: ct));

    private static int Seconds(TimeSpan timeout) => (int)Math.Max(1, timeout.TotalSeconds);

    private static (IList<T> Items, string ResourceVersion) Items<T>(IItems<T> list) where T : class =>
        (list.Items ?? [], (list as IMetadata<V1ListMeta>)?.Metadata?.ResourceVersion ?? "");

    /// <summary>Custom-object watches yield untyped JSON; an object that does not read goes to <paramref name="onError"/>.</summary>
    private static async IAsyncEnumerable<(WatchEventType, T)> Typed<T>(IAsyncEnumerable<(WatchEventType, object)> events,
        Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, obj) in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            T? typed = default;
            try
            {
                typed = obj is JsonElement element ? KubernetesJson.Deserialize<T>(element.GetRawText()) : KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
            }
            catch (JsonException e)
            {
                onError(e);
            }
            if (typed is not null) yield return (type, typed);
        }
    }
}
