using k8s;
using Booster.Operator.Hosting;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>The operator calls nothing that <see cref="OperatorPermissions"/> does not list (the chart's RBAC grants exactly that list).</summary>
public sealed class PermissionsTests
{
    [Fact]
    public async Task EveryCallTheOperatorMakesIsListed()
    {
        await using var scenario = await OperatorScenario.StartAsync(o => o with { LeaderElect = true }, keda: true);
        await Eventually.True(() => scenario.Operator.State.Leading, "leadership");

        // Create, update, delete (autoscaling removed), drift repair, invalid spec, status and events.
        await scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 3}\nresources: {requests: {cpu: 100m}}");
        await Eventually.True(async () => (await scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(OperatorScenario.Namespace)).Items.Count == 1, "the HPA");
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":null,"replicas":1}}""");
        await Eventually.True(async () => (await scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(OperatorScenario.Namespace)).Items.Count == 0, "the HPA deleted");
        // The optional and the access kinds: created, then deleted.
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"concurrency","minReplicas":1,"maxReplicas":3},"access":{"allowFrom":[]}}}""");
        await Eventually.True(async () => (await scenario.ScaledObjectsAsync()).Count == 1
            && (await scenario.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(OperatorScenario.Namespace)).Items.Count == 1, "the ScaledObject and the NetworkPolicy");
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":null,"access":null}}""");
        await Eventually.True(async () => (await scenario.ScaledObjectsAsync()).Count == 0
            && (await scenario.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(OperatorScenario.Namespace)).Items.Count == 0, "both deleted");
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":0}}}""");
        await scenario.RuntimeAsync("hello", r => OperatorScenario.HasCondition(r, "Degraded", "True"), "Degraded");

        // The test's own calls (the same client library, so the same User-Agent) are left out by what they are.
        var operatorCalls = scenario.Server.Requests
            .Where(r => !(r.Group == "booster.dev" && r.Resource == "boosterruntimes" && r.Verb is "create" or "patch" or "get"))
            .Where(r => !(r.Group == "apps" && r.Resource == "deployments" && r.Verb == "get" && r.Name == "hello"))
            .Select(r => (r.Group, r.Resource, r.Verb))
            .Distinct()
            .ToList();

        operatorCalls.Should().NotBeEmpty();
        operatorCalls.Where(c => !OperatorPermissions.Allows(c.Group, c.Resource, c.Verb))
            .Should().BeEmpty("every API call must be granted by the chart's ClusterRole, which is generated from OperatorPermissions");
        operatorCalls.Should().Contain(("apps", "deployments", "patch")).And.Contain(("autoscaling", "horizontalpodautoscalers", "delete"))
            .And.Contain(("booster.dev", "boosterruntimes/status", "patch")).And.Contain(("", "events", "create"))
            .And.Contain(("coordination.k8s.io", "leases", "update"))
            .And.Contain(("keda.sh", "scaledobjects", "delete")).And.Contain(("networking.k8s.io", "networkpolicies", "delete"));
    }
}
