using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Contract;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>A new BoosterRuntime becomes its owned objects, with the derived env, and its status follows the Deployment.</summary>
public sealed class CreateTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ABoosterRuntimeGetsADeploymentServiceAndPdbOwnedByIt()
    {
        var runtime = await _scenario.CreateRuntimeAsync("hello", "pool: {maxConcurrency: 16}");
        var uid = (string)runtime["metadata"]!["uid"]!;

        var deployment = await _scenario.DeploymentAsync("hello");
        var service = await Eventually.Value(() => _scenario.Client.CoreV1.ReadNamespacedServiceAsync("hello", Namespace), _ => true, "the Service");
        var pdb = await Eventually.Value(() => _scenario.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("hello", Namespace), _ => true, "the PDB");

        foreach (var owner in new[] { deployment.Metadata, service.Metadata, pdb.Metadata }.Select(m => m.OwnerReferences.Single()))
        {
            owner.Uid.Should().Be(uid);
            owner.Kind.Should().Be(BoosterRuntime.KindName);
            owner.Controller.Should().BeTrue();
        }
        Env(deployment)[BoosterVariables.PoolMax].Should().Be("16");
        deployment.Spec.Replicas.Should().Be(2);
        service.Spec.Ports.Single().Port.Should().Be(2678);
    }

    [Fact]
    public async Task TheStatusNamesTheSelectorAndObservedGenerationAndIsNotAvailableBeforePodsAreReady()
    {
        await _scenario.CreateRuntimeAsync("hello");

        var runtime = await _scenario.RuntimeAsync("hello", r => r["status"]?["observedGeneration"] is not null, "a status");

        ((long)runtime["status"]!["observedGeneration"]!).Should().Be(1);
        ((string)runtime["status"]!["selector"]!).Should().Be("app.kubernetes.io/name=booster-runtime,app.kubernetes.io/instance=hello");
        HasCondition(runtime, BoosterRuntimeConditions.Available, "False").Should().BeTrue();
        HasCondition(runtime, BoosterRuntimeConditions.Progressing, "True").Should().BeTrue();
        HasCondition(runtime, BoosterRuntimeConditions.Degraded, "False").Should().BeTrue();
    }

    [Fact]
    public async Task WhenTheDeploymentsPodsAreReadyTheRuntimeIsAvailable()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 3");
        await _scenario.DeploymentAsync("hello");

        _scenario.Server.MarkDeploymentReady(Namespace, "hello");

        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Available, "True"), "Available=True");
        ((int)runtime["status"]!["readyReplicas"]!).Should().Be(3);
        ((int)runtime["status"]!["availableReplicas"]!).Should().Be(3);
        ((int)runtime["status"]!["replicas"]!).Should().Be(3);
        HasCondition(runtime, BoosterRuntimeConditions.Progressing, "False", "RolloutComplete").Should().BeTrue();
    }

    [Fact]
    public async Task EventsSayWhatWasCreated()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        await Eventually.True(async () => (await _scenario.EventsAsync()).Count(e => e.Reason == "Created") >= 3, "Created events");
        var events = await _scenario.EventsAsync();
        events.Where(e => e.Reason == "Created").Select(e => e.Message)
            .Should().Contain(["Created Deployment hello", "Created Service hello", "Created PodDisruptionBudget hello"]);
        events.Should().OnlyContain(e => e.InvolvedObject.Kind == BoosterRuntime.KindName && e.InvolvedObject.Name == "hello" && e.Type == "Normal");
    }

    [Fact]
    public async Task OneReplicaGetsNoPdbAndAutoscalingAnHpaWithoutDeploymentReplicas()
    {
        await _scenario.CreateRuntimeAsync("single", "replicas: 1");
        await _scenario.CreateRuntimeAsync("scaled", "autoscaling: {minReplicas: 2, maxReplicas: 5}\nresources: {requests: {cpu: 100m}}");

        var scaled = await _scenario.DeploymentAsync("scaled");
        await _scenario.DeploymentAsync("single");
        var hpa = await Eventually.Value(() => _scenario.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("scaled", Namespace), _ => true, "the HPA");

        OwnedFields(scaled, "booster-operator").Should().Contain("f:template").And.NotContain("f:replicas", "the HPA owns the replica count");
        hpa.Spec.MaxReplicas.Should().Be(5);
        await Eventually.True(async () => (await _scenario.Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(Namespace)).Items.Count > 0, "a PDB");
        await _scenario.RuntimeAsync("single", r => r["status"] is not null, "the single runtime reconciled");
        (await _scenario.Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(Namespace)).Items.Select(p => p.Metadata.Name).Should().Equal("scaled");
    }
}
