using Booster.Contract;
using Booster.Operator.Api;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Changes of the BoosterRuntime: what rolls the pods, what does not, and an invalid spec.</summary>
public sealed class SpecChangeTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ASpecChangeUpdatesTheDeploymentAndChangesThePodTemplateHash()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var before = await _scenario.DeploymentAsync("hello");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");

        var after = await _scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.TimeoutMs] == "2500", "the new timeout in the env");
        Hash(after).Should().NotBe(Hash(before));
        after.Metadata.Generation.Should().Be(2);
        await _scenario.RuntimeAsync("hello", r => (long?)r["status"]?["observedGeneration"] == 2, "observedGeneration 2");
    }

    [Fact]
    public async Task AMetadataChangeOfTheRuntimeNeitherReconcilesNorRollsThePods()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var before = await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();
        var owned = await _scenario.OwnedVersionsAsync("hello");
        var reconciles = _scenario.Operator.Metrics.TotalReconciles;

        await _scenario.PatchRuntimeAsync("hello", """{"metadata":{"labels":{"team":"wasm"},"annotations":{"note":"x"}}}""");
        await _scenario.QuietAsync();

        _scenario.Operator.Metrics.TotalReconciles.Should().Be(reconciles, "the generation did not move");
        var after = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        Hash(after).Should().Be(Hash(before));
        (await _scenario.OwnedVersionsAsync("hello")).Should().Equal(owned);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)] // each write's watch event reaches the operator before the write's response
    public async Task OneSpecChangeTakesOneReconcileAndOneWriteOfEachChangedObject(int responseDelayMs)
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();
        _scenario.Server.WriteResponseDelay = TimeSpan.FromMilliseconds(responseDelayMs);
        var reconciles = _scenario.Operator.Metrics.TotalReconciles;
        var requests = _scenario.Server.Requests.Count;

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");
        await _scenario.QuietAsync();

        // Neither the status write nor the operator's own apply comes back as another reconcile.
        (_scenario.Operator.Metrics.TotalReconciles - reconciles).Should().Be(1, string.Join("\n", _scenario.Server.Requests.Skip(requests).Select(r => $"{r.Verb} {r.Resource} {r}")));
        _scenario.OperatorWritesSince(requests).Should().BeEquivalentTo(["patch deployments", "patch boosterruntimes/status", "create events"]);
    }

    [Fact]
    public async Task AReconcileThatFindsNothingChangedWritesNothing()
    {
        // Values the API server normalises away (empty strings, "1000m") must not look like drift.
        await _scenario.CreateRuntimeAsync("hello",
            "pod: {priorityClassName: ''}\nresources: {requests: {cpu: 1000m, memory: 64Mi}}\nenv: [{name: EMPTY, value: ''}]");
        await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();
        var requests = _scenario.Server.Requests.Count;

        _scenario.Server.MarkDeploymentReady(Namespace, "hello");
        await _scenario.QuietAsync();

        _scenario.OperatorWritesSince(requests).Should().Equal(["patch boosterruntimes/status"], "only the status has news: the pods are ready");
    }

    [Fact]
    public async Task AReplicaChangeScalesWithoutRollingThePods()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var before = await _scenario.DeploymentAsync("hello");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":4}}""");

        var after = await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 4, "4 replicas");
        Hash(after).Should().Be(Hash(before));
    }

    [Fact]
    public async Task AnInvalidSpecIsDegradedInvalidSpecNamingTheFieldAndLeavesTheDeploymentAlone()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var before = await _scenario.DeploymentAsync("hello");
        await _scenario.RuntimeAsync("hello", r => r["status"] is not null, "a status");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":0}}}""");

        var runtime = await _scenario.RuntimeAsync("hello",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "Degraded=True InvalidSpec");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("spec.pool.maxConcurrency");
        ((long)runtime["status"]!["observedGeneration"]!).Should().Be(2);
        var after = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        after.Metadata.ResourceVersion.Should().Be(before.Metadata.ResourceVersion);
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Reason == BoosterRuntimeConditions.InvalidSpec && e.Type == "Warning"),
            "a Warning event InvalidSpec");
    }

    [Fact]
    public async Task AFieldOfTheWrongTypeIsReportedAsInvalidInsteadOfStoppingTheOperator()
    {
        await _scenario.CreateRuntimeAsync("broken");
        await _scenario.PatchRuntimeAsync("broken", """{"spec":{"replicas":"many"}}""");
        await _scenario.CreateRuntimeAsync("fine");

        var broken = await _scenario.RuntimeAsync("broken",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "Degraded=True InvalidSpec");
        ((string)Condition(broken, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("spec.replicas");
        await _scenario.DeploymentAsync("fine");
    }

    [Fact]
    public async Task FixingAnInvalidSpecClearsDegradedAndAppliesIt()
    {
        await _scenario.CreateRuntimeAsync("hello", "pool: {maxConcurrency: 0}");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "InvalidSpec");
        var invalidSince = (string)Condition(await _scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded)!["lastTransitionTime"]!;

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":4}}}""");

        var deployment = await _scenario.DeploymentAsync("hello");
        Env(deployment)[BoosterVariables.PoolMax].Should().Be("4");
        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["lastTransitionTime"]!).Should().NotBeNullOrEmpty();
        invalidSince.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TurningAutoscalingOnHandsTheReplicasOverInsteadOfResettingThem()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 3");
        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"minReplicas":2,"maxReplicas":5},"resources":{"requests":{"cpu":"100m"}}}}""");
        await Eventually.True(async () => (await _scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 1, "the HPA");
        await _scenario.QuietAsync();

        // The operator no longer owns the count, yet it was not removed (and defaulted to 1) on the way.
        var deployment = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        deployment.Spec.Replicas.Should().Be(3);
        OwnedFields(deployment, "booster-operator").Should().NotContain("f:replicas");
        _scenario.Server.Requests.Should().NotContain(r => r.Verb == "update" && r.Resource == "deployments/scale");
    }

    [Fact]
    public async Task RemovingAutoscalingDeletesTheHpaAndSetsReplicasAgain()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await Eventually.True(async () => (await _scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 1, "the HPA");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":null,"replicas":3}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");
        await Eventually.True(async () => (await _scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Count == 0, "no HPA");
    }
}
