using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// The fixture's server-side apply, field ownership, built-in validation and garbage collection,
/// through the real KubernetesClient — each rule the operator's tests rely on, as a real API server has it.
/// </summary>
public sealed class ServerSideApplyTests : IAsyncLifetime
{
    private const string Ns = "default";
    private FakeApiServer _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(installCrd: false);
        _client = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnApplyCreatesTheObjectAndTheManagerOwnsExactlyWhatItSent()
    {
        var created = await Apply("a", Deployment(replicas: 2));

        created.Metadata.Generation.Should().Be(1);
        var entry = created.Metadata.ManagedFields.Should().ContainSingle().Which;
        (entry.Manager, entry.Operation).Should().Be(("a", "Apply"));
        var fields = KubernetesJson.Serialize(entry.FieldsV1);
        fields.Should().Contain("f:replicas").And.Contain("f:containers").And.Contain("k:{");
        fields.Should().NotContain("f:revisionHistoryLimit", "a default the server filled in is nobody's");
        created.Spec.RevisionHistoryLimit.Should().Be(10);
    }

    [Fact]
    public async Task AFieldTheSameManagerNoLongerSendsIsRemoved()
    {
        await Apply("a", Deployment(pod: p =>
        {
            p["nodeSelector"] = new JsonObject { ["disk"] = "ssd" };
            p["initContainers"] = new JsonArray(Container("init", privileged: true));
        }));

        var after = await Apply("a", Deployment());

        after.Spec.Template.Spec.NodeSelector.Should().BeNull();
        after.Spec.Template.Spec.InitContainers.Should().BeNull();
        after.Metadata.Generation.Should().Be(2);
    }

    [Fact]
    public async Task KeyedListsMergeByKeyAndEachManagerKeepsItsOwnItems()
    {
        await Apply("a", Deployment(env: ["A"]));
        await Apply("b", Deployment(env: ["B"]));

        var both = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns);
        both.Spec.Template.Spec.Containers.Single().Env.Select(e => e.Name).Should().BeEquivalentTo(["A", "B"]);

        var onlyB = await Apply("a", Deployment());
        onlyB.Spec.Template.Spec.Containers.Single().Env.Select(e => e.Name).Should().Equal("B");
        onlyB.Spec.Template.Spec.Containers.Single().Image.Should().Be("example.com/app:1", "b applied the same image, so it shares it");
    }

    [Fact]
    public async Task ADifferentValueForAFieldAnotherManagerOwnsIsAConflictUnlessForced()
    {
        await Apply("a", Deployment(replicas: 2));

        var conflict = () => Apply("b", Deployment(replicas: 3));
        var error = (await conflict.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        error.Response.Content.Should().Contain("1 conflict: conflict with").And.Contain(".spec.replicas");

        var forced = await Apply("b", Deployment(replicas: 3), force: true);
        forced.Spec.Replicas.Should().Be(3);
        KubernetesJson.Serialize(forced.Metadata.ManagedFields.Single(f => f.Manager == "a").FieldsV1).Should().NotContain("f:replicas");
    }

    [Fact]
    public async Task AFieldAnUpdateChangedBelongsToItsManagerAndStaysWhenTheApplierLeavesItOut()
    {
        await Apply("a", Deployment(replicas: 2));
        var scaled = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns);
        scaled.Spec.Replicas = 5;
        await _client.AppsV1.ReplaceNamespacedDeploymentAsync(scaled, "web", Ns, fieldManager: "hpa-controller");

        var after = await Apply("a", Deployment());

        after.Spec.Replicas.Should().Be(5);
        after.Metadata.ManagedFields.Select(f => f.Manager).Should().Contain("hpa-controller");
    }

    [Fact]
    public async Task ANoOpApplyWritesNothing()
    {
        var first = await Apply("a", Deployment(replicas: 2));

        var second = await Apply("a", Deployment(replicas: 2));

        second.Metadata.ResourceVersion.Should().Be(first.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task EmptyStringsAreDroppedAndQuantitiesCanonical()
    {
        var created = await Apply("a", Deployment(pod: p =>
        {
            p["priorityClassName"] = "";
            p["containers"]![0]!["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "1000m", ["memory"] = "1024Mi" } };
        }));

        created.Spec.Template.Spec.PriorityClassName.Should().BeNull();
        created.Spec.Template.Spec.Containers[0].Resources.Requests["cpu"].ToString().Should().Be("1");
        created.Spec.Template.Spec.Containers[0].Resources.Requests["memory"].ToString().Should().Be("1Gi");
    }

    [Theory]
    [InlineData("two sources in one volume", "volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type")]
    [InlineData("two containers of one name", "containers[1].name: Duplicate value")]
    [InlineData("two env variables of one name", "env[1].name: Duplicate value")]
    [InlineData("a mount of an unknown volume", "volumeMounts[0].name: Not found")]
    [InlineData("two controllers", "Only one reference can have Controller set to true")]
    public async Task WhatARealServerRejectsIs422(string problem, string message)
    {
        var body = Deployment(pod: p =>
        {
            var container = p["containers"]![0]!.AsObject();
            switch (problem)
            {
                case "two sources in one volume":
                    p["volumes"] = new JsonArray(new JsonObject { ["name"] = "m", ["emptyDir"] = new JsonObject(), ["configMap"] = new JsonObject { ["name"] = "x" } });
                    break;
                case "two containers of one name":
                    p["containers"]!.AsArray().Add(Container("app"));
                    break;
                case "two env variables of one name":
                    container["env"] = new JsonArray(new JsonObject { ["name"] = "A", ["value"] = "1" }, new JsonObject { ["name"] = "A", ["value"] = "2" });
                    break;
                case "a mount of an unknown volume":
                    container["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "nowhere", ["mountPath"] = "/m" });
                    break;
            }
        });
        if (problem == "two controllers")
            body["metadata"]!["ownerReferences"] = new JsonArray(Owner("1", "one"), Owner("2", "two"));

        var write = () => _client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<V1Deployment>(body.ToJsonString()), Ns);

        var error = (await write.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be((HttpStatusCode)422);
        error.Response.Content.Should().Contain(message);
    }

    [Fact]
    public async Task BackgroundDeletionRemovesDependentsOnceEveryOwnerIsGone()
    {
        var first = await ConfigMap("first");
        var second = await ConfigMap("second");
        await ConfigMap("only-first", first);
        await ConfigMap("both", first, second);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("first", Ns, new V1DeleteOptions { PropagationPolicy = "Background" });

        var left = (await _client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Select(c => c.Metadata.Name);
        left.Should().BeEquivalentTo(["second", "both"]);
        (await _client.CoreV1.ReadNamespacedConfigMapAsync("both", Ns)).Metadata.OwnerReferences.Select(o => o.Uid).Should().Equal(second.Metadata.Uid);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("second", Ns);
        (await _client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task ForegroundDeletionWaitsForBlockingDependentsThenCompletes()
    {
        var owner = await ConfigMap("owner");
        await ConfigMap("held", owner, finalizer: "example.com/hold");

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", Ns, new V1DeleteOptions { PropagationPolicy = "Foreground" });

        var deleting = await _client.CoreV1.ReadNamespacedConfigMapAsync("owner", Ns);
        deleting.Metadata.DeletionTimestamp.Should().NotBeNull();
        deleting.Metadata.Finalizers.Should().Equal("foregroundDeletion");
        var held = await _client.CoreV1.ReadNamespacedConfigMapAsync("held", Ns);
        held.Metadata.DeletionTimestamp.Should().NotBeNull();

        held.Metadata.Finalizers = [];
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "held", Ns);

        (await _client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task OrphanDeletionLeavesDependentsWithoutTheOwnerReference()
    {
        var owner = await ConfigMap("owner");
        await ConfigMap("child", owner);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", Ns, new V1DeleteOptions { PropagationPolicy = "Orphan" });

        var child = await _client.CoreV1.ReadNamespacedConfigMapAsync("child", Ns);
        child.Metadata.OwnerReferences.Should().BeNullOrEmpty();
        (await _client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Should().ContainSingle();
    }

    private Task<V1Deployment> Apply(string manager, JsonObject body, bool force = false) =>
        _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch), "web", Ns, fieldManager: manager, force: force);

    private async Task<V1ConfigMap> ConfigMap(string name, V1ConfigMap? owner = null, V1ConfigMap? secondOwner = null, string? finalizer = null) =>
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Finalizers = finalizer is null ? null : [finalizer],
                OwnerReferences = new[] { owner, secondOwner }.OfType<V1ConfigMap>()
                    .Select(o => new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = o.Metadata.Name, Uid = o.Metadata.Uid, BlockOwnerDeletion = true })
                    .ToList() is { Count: > 0 } owners ? owners : null,
            },
        }, Ns);

    private static JsonObject Owner(string uid, string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = name, ["uid"] = uid, ["controller"] = true };

    private static JsonObject Container(string name, bool privileged = false)
    {
        var container = new JsonObject { ["name"] = name, ["image"] = "example.com/app:1" };
        if (privileged) container["securityContext"] = new JsonObject { ["privileged"] = true };
        return container;
    }

    private static JsonObject Deployment(int? replicas = null, string[]? env = null, Action<JsonObject>? pod = null)
    {
        var container = Container("app");
        if (env is not null) container["env"] = new JsonArray(env.Select(n => (JsonNode?)new JsonObject { ["name"] = n, ["value"] = "1" }).ToArray());
        var podSpec = new JsonObject { ["containers"] = new JsonArray(container) };
        pod?.Invoke(podSpec);
        var spec = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } }, ["spec"] = podSpec },
        };
        if (replicas is not null) spec["replicas"] = replicas;
        return new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "web" }, ["spec"] = spec };
    }
}
