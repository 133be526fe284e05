using Booster.Contract;
using Booster.Operator.Api;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Changes of the BoosterRuntime: what rolls the pods, what does not, and an invalid spec.</summary>
public sealed class SpecChangeTests : IAsyncLifetime
{
    private OperatorScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task ASpecChangeUpdatesTheDeploymentAndChangesThePodTemplateHash()
    {
        await scenario.CreateRuntimeAsync("hello");
        var before = await scenario.DeploymentAsync("hello");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");

        var after = await scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.TimeoutMs] == "2500", "the new timeout in the env");
        Hash(after).Should().NotBe(Hash(before));
        after.Metadata.Generation.Should().Be(2);
        await scenario.RuntimeAsync("hello", r => (long?)r["status"]?["observedGeneration"] == 2, "observedGeneration 2");
    }

    [Fact]
    public async Task AMetadataChangeOfTheRuntimeNeitherReconcilesNorRollsThePods()
    {
        await scenario.CreateRuntimeAsync("hello");
        var before = await scenario.DeploymentAsync("hello");
        await scenario.QuietAsync();
        var owned = await scenario.OwnedVersionsAsync("hello");
        var reconciles = scenario.Operator.Metrics.TotalReconciles;

        await scenario.PatchRuntimeAsync("hello", """{"metadata":{"labels":{"team":"wasm"},"annotations":{"note":"x"}}}""");
        await scenario.QuietAsync();

        scenario.Operator.Metrics.TotalReconciles.Should().Be(reconciles, "the generation did not move");
        var after = await scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        Hash(after).Should().Be(Hash(before));
        (await scenario.OwnedVersionsAsync("hello")).Should().Equal(owned);
    }

    [Fact]
    public async Task OneSpecChangeTakesOneReconcileAndOneWriteOfEachChangedObject()
    {
        await scenario.CreateRuntimeAsync("hello");
        await scenario.DeploymentAsync("hello");
        await scenario.QuietAsync();
        var reconciles = scenario.Operator.Metrics.TotalReconciles;
        var requests = scenario.Server.Requests.Count;

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");
        await scenario.QuietAsync();

        // Neither the status write nor the operator's own apply comes back as another reconcile.
        (scenario.Operator.Metrics.TotalReconciles - reconciles).Should().Be(1, string.Join("\n", scenario.Server.Requests.Skip(requests).Select(r => $"{r.Verb} {r.Resource} {r}")));
        scenario.OperatorWritesSince(requests).Should().BeEquivalentTo(["patch deployments", "patch boosterruntimes/status", "create events"]);
    }

    [Fact]
    public async Task AReconcileThatFindsNothingChangedWritesNothing()
    {
        // Values the API server normalises away (empty strings, "1000m") must not look like drift.
        await scenario.CreateRuntimeAsync("hello",
            "pod: {priorityClassName: ''}\nresources: {requests: {cpu: 1000m, memory: 64Mi}}\nenv: [{name: EMPTY, value: ''}]");
        await scenario.DeploymentAsync("hello");
        await scenario.QuietAsync();
        var requests = scenario.Server.Requests.Count;

        scenario.Server.MarkDeploymentReady(Namespace, "hello");
        await scenario.QuietAsync();

        scenario.OperatorWritesSince(requests).Should().Equal(["patch boosterruntimes/status"], "only the status has news: the pods are ready");
    }

    [Fact]
    public async Task AReplicaChangeScalesWithoutRollingThePods()
    {
        await scenario.CreateRuntimeAsync("hello");
        var before = await scenario.DeploymentAsync("hello");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":4}}""");

        var after = await scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 4, "4 replicas");
        Hash(after).Should().Be(Hash(before));
    }

    [Fact]
    public async Task AnInvalidSpecIsDegradedInvalidSpecNamingTheFieldAndLeavesTheDeploymentAlone()
    {
        await scenario.CreateRuntimeAsync("hello");
        var before = await scenario.DeploymentAsync("hello");
        await scenario.RuntimeAsync("hello", r => r["status"] is not null, "a status");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":0}}}""");

        var runtime = await scenario.RuntimeAsync("hello",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "Degraded=True InvalidSpec");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("spec.pool.maxConcurrency");
        ((long)runtime["status"]!["observedGeneration"]!).Should().Be(2);
        var after = await scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        after.Metadata.ResourceVersion.Should().Be(before.Metadata.ResourceVersion);
        await Eventually.True(async () => (await scenario.EventsAsync()).Any(e => e.Reason == BoosterRuntimeConditions.InvalidSpec && e.Type == "Warning"),
            "a Warning event InvalidSpec");
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsReportedAsInvalidInsteadOfStoppingTheOperator()
    {
        await scenario.CreateRuntimeAsync("broken");
        await scenario.PatchRuntimeAsync("broken", """{"spec":{"replicas":"many"}}""");
        await scenario.CreateRuntimeAsync("fine");

        var broken = await scenario.RuntimeAsync("broken",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "Degraded=True InvalidSpec");
        ((string)Condition(broken, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("spec.replicas");
        await scenario.DeploymentAsync("fine");
    }

    [Fact]
    public async Task FixingAnInvalidSpecClearsDegradedAndAppliesIt()
    {
        await scenario.CreateRuntimeAsync("hello", "pool: {maxConcurrency: 0}");
        await scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "InvalidSpec");
        var invalidSince = (string)Condition(await scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded)!["lastTransitionTime"]!;

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":4}}}""");

        var deployment = await scenario.DeploymentAsync("hello");
        Env(deployment)[BoosterVariables.PoolMax].Should().Be("4");
        var runtime = await scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["lastTransitionTime"]!).Should().NotBeNullOrEmpty();
        invalidSince.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TurningAutoscalingOnHandsTheReplicasOverInsteadOfResettingThem()
    {
        await scenario.CreateRuntimeAsync("hello", "replicas: 3");
        await scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"minReplicas":2,"maxReplicas":5},"resources":{"requests":{"cpu":"100m"}}}}""");
        await Eventually.True(async () => (await scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 1, "the HPA");
        await scenario.QuietAsync();

        // The operator no longer owns the count, yet it was not removed (and defaulted to 1) on the way.
        var deployment = await scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        deployment.Spec.Replicas.Should().Be(3);
        OwnedFields(deployment, "booster-operator").Should().NotContain("f:replicas");
        scenario.Server.Requests.Should().NotContain(r => r.Verb == "update" && r.Resource == "deployments/scale");
    }

    [Fact]
    public async Task RemovingAutoscalingDeletesTheHpaAndSetsReplicasAgain()
    {
        await scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await Eventually.True(async () => (await scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 1, "the HPA");

        await scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":null,"replicas":3}}""");

        await scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");
        await Eventually.True(async () => (await scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 0, "no HPA");
    }
}
