using System.Runtime.CompilerServices;
using System.Text.Json;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using k8s;

namespace Booster.Operator.Watching;

/// <summary>
/// The list and watch calls of every kind the operator caches, through one generic path:
/// KubernetesClient's group/version/plural operations (which address the core group too), in one
/// namespace or in all when <c>ns</c> is null. (Its GenericClient cannot resume a watch from a
/// resourceVersion, ask for bookmarks or select by label, so it is not used.) Watches ask for
/// bookmarks and carry a server-side timeout so that streams are renewed now and then. Owned
/// objects are selected by the managed-by label, so the caches hold only the operator's objects.
/// </summary>
internal static class ListWatches
{
    /// <summary>Objects the operator created carry this label (see <see cref="Labels.For"/>).</summary>
    public const string OwnedSelector = Labels.ManagedBy + "=" + Labels.OperatorName;

    public static ListWatch<BoosterRuntimeDocument> BoosterRuntimes(IKubernetes client, string? ns, TimeSpan watchTimeout) =>
        For<BoosterRuntimeDocument>(client, BoosterRuntime.Group, BoosterRuntime.Version, BoosterRuntime.Plural, ns, watchTimeout, labelSelector: null);

    /// <summary>Objects of one kind (<paramref name="group"/> "" for the core group).</summary>
    public static ListWatch<T> For<T>(IKubernetes client, string group, string version, string plural, string? ns, TimeSpan watchTimeout, string? labelSelector)
        where T : ObjectDocument
    {
        var timeout = (int)Math.Max(1, watchTimeout.TotalSeconds);
        return new(plural,
            async ct =>
            {
                using var response = ns is null
                    ? await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<DocumentList<T>>(group, version, plural,
                        labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)
                    : await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<DocumentList<T>>(group, version, ns, plural,
                        labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false);
                return (response.Body.TypedItems(), response.Body.Metadata?.ResourceVersion ?? "");
            },
            (rv, onError, ct) => Typed<T>(ns is null
                ? client.CustomObjects.WatchListClusterCustomObjectAsync(group, version, plural, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)
                : client.CustomObjects.WatchListNamespacedCustomObjectAsync(group, version, ns, plural, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct), onError, ct));
    }

    /// <summary>Watches of group/version/plural yield untyped JSON; an object that does not read goes to <paramref name="onError"/>.</summary>
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
