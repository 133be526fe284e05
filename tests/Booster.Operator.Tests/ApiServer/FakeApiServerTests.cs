using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Booster.Operator.Tests.Support;
using k8s.Models;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>The fixture is tested itself, through the real KubernetesClient, for each rule the operator's tests rely on.</summary>
public sealed class FakeApiServerTests : IAsyncLifetime
{
    private FakeApiServer _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(100));
        _client = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CreateSetsUidResourceVersionAndGenerationOne()
    {
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.ResourceVersion.Should().NotBeNullOrEmpty();
        created.Metadata.Generation.Should().Be(1);
        created.Metadata.CreationTimestamp.Should().NotBeNull();
    }

    [Fact]
    public async Task CreatingAnExistingNameIsAConflict()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default");

        var again = () => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default");

        (await again.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ListItemsOfBuiltInKindsLackApiVersionAndKindWhileGetsAndCustomResourcesCarryThem()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        var runtime = JsonNode.Parse("""{"apiVersion":"booster.dev/v1alpha1","kind":"BoosterRuntime","metadata":{"name":"demo"}}""");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(runtime, "booster.dev", "v1alpha1", "default", "boosterruntimes");

        var deployments = JsonElementOf(await _client.CustomObjects.ListNamespacedCustomObjectAsync("apps", "v1", "default", "deployments"));
        var runtimes = JsonElementOf(await _client.CustomObjects.ListNamespacedCustomObjectAsync("booster.dev", "v1alpha1", "default", "boosterruntimes"));
        var one = JsonElementOf(await _client.CustomObjects.GetNamespacedCustomObjectAsync("apps", "v1", "default", "deployments", "web"));

        ((string?)deployments["kind"]).Should().Be("DeploymentList");
        deployments["items"]![0]!.AsObject().Select(p => p.Key).Should().NotContain(["apiVersion", "kind"]);
        ((string?)runtimes["items"]![0]!["kind"]).Should().Be("BoosterRuntime");
        ((string?)one["apiVersion"]).Should().Be("apps/v1");
    }

    [Fact]
    public async Task AnUnknownObjectIsNotFound()
    {
        var read = () => _client.AppsV1.ReadNamespacedDeploymentAsync("missing", "default");

        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUpdateWithAStaleResourceVersionIsAConflict()
    {
        var first = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");
        first.Data = new Dictionary<string, string> { ["a"] = "2" };
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "cm", "default");

        first.Data = new Dictionary<string, string> { ["a"] = "3" };
        var stale = () => _client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "cm", "default");

        (await stale.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _client.CoreV1.ReadNamespacedConfigMapAsync("cm", "default")).Data["a"].Should().Be("2");
    }

    [Fact]
    public async Task GenerationMovesOnSpecChangesOnly()
    {
        var deployment = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        deployment.Metadata.Labels["extra"] = "yes";
        deployment = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default");
        deployment.Metadata.Generation.Should().Be(1, "a label is metadata");

        deployment.Spec.Replicas = 5;
        deployment = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default");
        deployment.Metadata.Generation.Should().Be(2);

        _server.MarkDeploymentReady("default", "web");
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Metadata.Generation.Should().Be(2, "status is not spec");
    }

    [Fact]
    public async Task StatusChangesOnlyThroughTheStatusSubresource()
    {
        var deployment = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        deployment.Status = new V1DeploymentStatus { ReadyReplicas = 7 };
        deployment = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default");
        deployment.Status?.ReadyReplicas.Should().BeNull();

        var patch = new V1Patch("""{"status":{"readyReplicas":3}}""", V1Patch.PatchType.MergePatch);
        var patched = await _client.AppsV1.PatchNamespacedDeploymentStatusAsync(patch, "web", "default");

        patched.Status.ReadyReplicas.Should().Be(3);
        patched.Metadata.Generation.Should().Be(1);
    }

    [Fact]
    public async Task AWriteThatChangesNothingKeepsTheResourceVersion()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("same"), "default");

        var replaced = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "same", "default");

        replaced.Metadata.ResourceVersion.Should().Be(created.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ListsFilterByLabelSelector()
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", ("tier", "web")), "default");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", ("tier", "db")), "default");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "other");

        (await Names("tier=web")).Should().Equal("a");
        (await Names("tier!=web")).Should().Equal("b", "c");
        (await Names("tier in (web,db)")).Should().Equal("a", "b");
        (await Names("!tier")).Should().Equal("c");
        (await _client.CoreV1.ListNamespacedConfigMapAsync("other")).Items.Select(i => i.Metadata.Name).Should().Equal("c");

        async Task<IEnumerable<string>> Names(string selector) =>
            (await _client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: selector)).Items.Select(i => i.Metadata.Name);
    }

    [Fact]
    public async Task TheScaleSubresourceReadsAndWritesSpecReplicas()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");

        var scale = await _client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        scale.Spec.Replicas.Should().Be(1);
        scale.Status.Selector.Should().Be("app=web");

        await _client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", "default");

        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        deployment.Spec.Replicas.Should().Be(4);
        deployment.Metadata.Generation.Should().Be(2);
    }

    [Fact]
    public async Task AWatchReplaysChangesAfterItsResourceVersionThenStreamsNewOnes()
    {
        var before = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("old"), "default");
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("replayed"), "default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<(WatchEventType, string)>();

        await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync("default",
                           resourceVersion: before.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            seen.Add((type, cm.Metadata.Name));
            if (seen.Count == 1) await _client.CoreV1.DeleteNamespacedConfigMapAsync("old", "default");
            if (seen.Count == 2) break;
        }

        seen.Should().Equal((WatchEventType.Added, "replayed"), (WatchEventType.Deleted, "old"));
    }

    [Fact]
    public async Task AWatchThatAsksForBookmarksGetsThem()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var list = await _client.CoreV1.ListNamespacedConfigMapAsync("default");

        await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true,
                           resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            type.Should().Be(WatchEventType.Bookmark);
            cm.Metadata.ResourceVersion.Should().Be(list.Metadata.ResourceVersion);
            break;
        }
    }

    [Fact]
    public async Task AfterExpiryAWatchFromAnOldResourceVersionGets410()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");
        _server.ExpireWatches();
        Exception? error = null;

        await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: created.Metadata.ResourceVersion,
                           onError: e => error = e))
        {
        }

        error.Should().BeOfType<KubernetesException>().Which.Status.Code.Should().Be(410);
    }

    [Fact]
    public async Task DroppingWatchesCutsOpenStreams()
    {
        var list = await _client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in _client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
            }
        });
        await Eventually.True(() => _server.Requests.Any(r => r.Verb == "watch"));
        await Task.Delay(100);

        _server.DropWatches();

        var ended = await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(5)));
        ended.Should().BeSameAs(watching, "the stream ends when the connection is cut");
        cts.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public async Task InjectedFaultsFailTheNextMatchingRequests()
    {
        _server.FailNext("create", "configmaps", 500);

        var first = () => _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");

        (await first.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");
    }

    [Fact]
    public async Task DeletingAnOwnerDeletesWhatItOwns()
    {
        var owner = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), "default");
        var owned = ConfigMap("owned");
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid }];
        await _client.CoreV1.CreateNamespacedConfigMapAsync(owned, "default");

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");

        (await _client.CoreV1.ListNamespacedConfigMapAsync("default")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task TheCrdBecomesAServedResourceWithItsSubresources()
    {
        var body = JsonNode.Parse("""{"apiVersion":"booster.dev/v1alpha1","kind":"BoosterRuntime","metadata":{"name":"demo"},"spec":{"replicas":2}}""");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "booster.dev", "v1alpha1", "default", "boosterruntimes");

        var scale = await _client.CustomObjects.GetNamespacedCustomObjectScaleAsync("booster.dev", "v1alpha1", "default", "boosterruntimes", "demo");

        ((JsonElementOf(scale))["spec"]!["replicas"]!.GetValue<int>()).Should().Be(2);
    }

    [Fact]
    public async Task CrdSchemaDefaultsAreAppliedOnWrite()
    {
        var body = JsonNode.Parse("""{"apiVersion":"booster.dev/v1alpha1","kind":"BoosterRuntime","metadata":{"name":"demo"}}""");

        var created = JsonElementOf(await _client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "booster.dev", "v1alpha1", "default", "boosterruntimes"));

        created["spec"]!["pool"]!["maxConcurrency"]!.GetValue<int>().Should().Be(8);
        created["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public void TablesCarryTheCrdPrinterColumnsAndAges()
    {
        var resource = _server.Resource("booster.dev", "boosterruntimes");
        var obj = JsonNode.Parse("""{"metadata":{"name":"demo","creationTimestamp":"2030-01-01T00:00:00Z"},"spec":{"pool":{"maxConcurrency":5}},"status":{"readyReplicas":2,"desiredReplicas":3,"conditions":[{"type":"Progressing","status":"False"},{"type":"Available","status":"True"}]}}""")!.AsObject();

        var table = TableConverter.Convert(resource, [obj], 7, new DateTime(2030, 1, 1, 0, 3, 0, DateTimeKind.Utc));

        table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!).Should().Equal("Name", "Ready", "Desired", "Available", "Pool Max", "Age");
        table["rows"]![0]!["cells"]!.ToJsonString().Should().Be("""["demo",2,3,"True",5,"3m"]""");
    }

    [Fact]
    public async Task ANetworkPolicyIsDefaultedAsTheApiServerDoes()
    {
        var created = await _client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(NetworkPolicy("open", new V1NetworkPolicyIngressRule
        {
            FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } }],
            Ports = [new V1NetworkPolicyPort { Port = 2678 }],
        }), "default");

        created.Spec.PolicyTypes.Should().Equal("Ingress");
        created.Spec.Ingress.Single().Ports.Single().Protocol.Should().Be("TCP");
    }

    [Fact]
    public async Task AnInvalidNetworkPolicyIsRefusedNamingEachField()
    {
        var broken = NetworkPolicy("broken", new V1NetworkPolicyIngressRule
        {
            FromProperty =
            [
                new V1NetworkPolicyPeer(),
                new V1NetworkPolicyPeer
                {
                    NamespaceSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "team", OperatorProperty = "In" }] },
                },
            ],
            Ports = [new V1NetworkPolicyPort { Protocol = "HTTP", Port = 70000 }],
        });

        var create = () => _client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(broken, "default");

        var error = (await create.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        error.Response.Content.Should().Contain("spec.ingress[0].from[0]: Required value: must specify a peer")
            .And.Contain("spec.ingress[0].from[1].namespaceSelector.matchExpressions[0].values: Required value")
            .And.Contain("spec.ingress[0].ports[0].protocol: Unsupported value")
            .And.Contain("spec.ingress[0].ports[0].port: Invalid value: 70000");
    }

    [Fact]
    public async Task WithKedaInstalledAScaledObjectForAWorkloadThatAnHpaScalesIsRefused()
    {
        KedaCrd.Install(_server);
        await _client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                MaxReplicas = 3,
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
            },
        }, "default");
        JsonObject ScaledObject(string target) => new()
        {
            ["apiVersion"] = "keda.sh/v1alpha1",
            ["kind"] = "ScaledObject",
            ["metadata"] = new JsonObject { ["name"] = target },
            ["spec"] = new JsonObject { ["scaleTargetRef"] = new JsonObject { ["name"] = target } },
        };

        var refused = () => _client.CustomObjects.CreateNamespacedCustomObjectAsync(ScaledObject("web"), "keda.sh", "v1alpha1", "default", "scaledobjects");

        var error = (await refused.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.Response.Content.Should().Contain("is already managed by the hpa");
        await _client.CustomObjects.CreateNamespacedCustomObjectAsync(ScaledObject("api"), "keda.sh", "v1alpha1", "default", "scaledobjects");
    }

    private static V1NetworkPolicy NetworkPolicy(string name, V1NetworkPolicyIngressRule rule) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } }, Ingress = [rule] },
    };

    private static JsonNode JsonElementOf(object response) => JsonNode.Parse(KubernetesJson.Serialize(response))!;

    private static V1ConfigMap ConfigMap(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
        Data = new Dictionary<string, string> { ["a"] = "1" },
    };

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
        },
    };
}
