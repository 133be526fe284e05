using System.Text.Json.Nodes;
using Keda = Booster.Operator.Desired.Keda;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// KEDA's ScaledObject CustomResourceDefinition as the fixture needs it to serve the kind: its
/// names, scope, version and status subresource as KEDA installs them. The schema keeps every
/// field (the fixture does not validate CRD schemas; the builder's objects are checked against
/// KEDA's real schema in AccessAndScalingSchemaTests).
/// </summary>
internal static class KedaCrd
{
    public static JsonObject ScaledObject() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{Keda.ScaledObject.Plural}.{Keda.ScaledObject.Group}" },
        ["spec"] = new JsonObject
        {
            ["group"] = Keda.ScaledObject.Group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject
            {
                ["kind"] = Keda.ScaledObject.KindName,
                ["listKind"] = "ScaledObjectList",
                ["plural"] = Keda.ScaledObject.Plural,
                ["singular"] = "scaledobject",
                ["shortNames"] = new JsonArray("so"),
            },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = Keda.ScaledObject.Version,
                ["served"] = true,
                ["storage"] = true,
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
            }),
        },
    };

    /// <summary>
    /// Installs it, as <c>helm install keda</c> would: from now on the fixture serves ScaledObjects,
    /// and KEDA's admission webhook refuses a ScaledObject for a workload that an HPA or another
    /// ScaledObject already scales (so an HPA must go before a ScaledObject takes its place). The
    /// webhook reads HPAs and ScaledObjects from an informer cache; with <paramref name="webhookLag"/>
    /// that cache trails the API server by so much, as a real one may.
    /// </summary>
    public static void Install(FakeApiServer server, TimeSpan? webhookLag = null)
    {
        server.Create("apiextensions.k8s.io", "customresourcedefinitions", null, ScaledObject());
        if (webhookLag is not { } lag || lag <= TimeSpan.Zero)
        {
            server.Store.AddAdmission((resource, created, stored) => RefuseASecondScaler(resource, created, stored));
            return;
        }
        var cache = new LaggingCache(server.Store, [server.Resource("autoscaling", "horizontalpodautoscalers"), server.Resource(Keda.ScaledObject.Group, Keda.ScaledObject.Plural)], lag);
        server.Store.AddAdmission((resource, created, _) => RefuseASecondScaler(resource, created, cache.Snapshot()));
    }

    private static void RefuseASecondScaler(ApiResource resource, JsonObject created, IEnumerable<(ApiResource Resource, JsonObject Object)> stored)
    {
        if (resource.Group != Keda.ScaledObject.Group || resource.Kind != Keda.ScaledObject.KindName) return;
        var ns = (string?)created["metadata"]?["namespace"];
        var target = (string?)created["spec"]?["scaleTargetRef"]?["name"];
        foreach (var (kind, obj) in stored)
        {
            if ((string?)obj["metadata"]?["namespace"] != ns || (string?)obj["spec"]?["scaleTargetRef"]?["name"] != target) continue;
            var owner = kind.Kind switch
            {
                "HorizontalPodAutoscaler" => "hpa",
                Keda.ScaledObject.KindName => "ScaledObject",
                _ => null,
            };
            if (owner is not null)
                throw new ApiError(403, "Forbidden",
                    $"admission webhook \"vscaledobject.kb.io\" denied the request: the workload '{target}' of type 'apps/v1.Deployment' is already managed by the {owner} '{obj["metadata"]?["name"]}'");
        }
    }

    /// <summary>
    /// An informer's view of some resources that trails the store: each watch event is applied
    /// <c>lag</c> after it happened, in order. Lives as long as the store's watches (until they expire).
    /// </summary>
    private sealed class LaggingCache
    {
        private readonly Dictionary<(ApiResource Resource, string? Namespace, string Name), JsonObject> _objects = [];

        public LaggingCache(ObjectStore store, IEnumerable<ApiResource> resources, TimeSpan lag)
        {
            foreach (var resource in resources)
            {
                var watch = store.Watch(resource, null, LabelSelector.Parse(null), null, bookmarks: false);
                _ = FollowAsync(resource, watch, lag);
            }
        }

        public IReadOnlyList<(ApiResource Resource, JsonObject Object)> Snapshot()
        {
            lock (_objects) return _objects.Select(entry => (entry.Key.Resource, entry.Value)).ToList();
        }

        private async Task FollowAsync(ApiResource resource, WatchSubscription watch, TimeSpan lag)
        {
            // Events are stamped as they arrive and applied lag later, in order, however they bunch.
            var pending = System.Threading.Channels.Channel.CreateUnbounded<(DateTime Due, WatchMessage Message)>();
            var applying = ApplyAsync(resource, pending.Reader);
            await foreach (var message in watch.Messages.ReadAllAsync())
            {
                if (message.Type is "ADDED" or "MODIFIED" or "DELETED" && message.Object is not null) pending.Writer.TryWrite((DateTime.UtcNow + lag, message));
            }
            pending.Writer.TryComplete();
            await applying;
        }

        private async Task ApplyAsync(ApiResource resource, System.Threading.Channels.ChannelReader<(DateTime Due, WatchMessage Message)> pending)
        {
            await foreach (var (due, message) in pending.ReadAllAsync())
            {
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var obj = message.Object!;
                var key = (resource, (string?)obj["metadata"]?["namespace"], (string)obj["metadata"]!["name"]!);
                lock (_objects)
                {
                    if (message.Type == "DELETED") _objects.Remove(key);
                    else _objects[key] = obj;
                }
            }
        }
    }
}
