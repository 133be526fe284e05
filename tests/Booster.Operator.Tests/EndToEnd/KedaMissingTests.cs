using Booster.Operator.Api;
using Booster.Operator.Tests.ApiServer;
using Booster.Operator.Tests.Support;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// Concurrency autoscaling in a cluster without KEDA: the BoosterRuntime says so, naming the
/// field, and everything else is still reconciled; installing KEDA later clears it.
/// </summary>
public sealed class KedaMissingTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private static bool DegradedOnTheMetric(System.Text.Json.Nodes.JsonObject runtime) =>
        HasCondition(runtime, BoosterRuntimeConditions.Degraded, "True")
        && ((string?)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"])?.Contains("spec.autoscaling.metric", StringComparison.Ordinal) == true;

    [Fact]
    public async Task DegradedNamesTheMetricAndTheDeploymentAndServiceAreStillReconciled()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");

        var runtime = await _scenario.RuntimeAsync("hello", DegradedOnTheMetric, "Degraded naming spec.autoscaling.metric");
        var message = (string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!;
        message.Should().Contain("ScaledObject (keda.sh/v1alpha1)").And.Contain("install KEDA");
        await _scenario.DeploymentAsync("hello");
        (await _scenario.Client.CoreV1.ReadNamespacedServiceAsync("hello", Namespace)).Should().NotBeNull();
        (await _scenario.Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("hello", Namespace)).Should().NotBeNull("the objects after it are applied too");
        (await _scenario.HpaCountAsync()).Should().Be(0, "no CPU HPA stands in for the missing ScaledObject");
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Type == "Warning" && e.Message.Contains("spec.autoscaling.metric", StringComparison.Ordinal)),
            "a Warning event naming spec.autoscaling.metric");

        // A spec change still reaches the pods while KEDA is missing.
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");
        await _scenario.DeploymentAsync("hello", d => Env(d)[Booster.Contract.BoosterVariables.TimeoutMs] == "2500", "the new timeout in the env");
    }

    [Fact]
    public async Task SwitchingFromCpuToConcurrencyWithoutKedaRemovesTheHpaAndSaysWhy()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await Eventually.True(async () => await _scenario.HpaCountAsync() == 1, "the HPA");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"concurrency"}}}""");

        await _scenario.RuntimeAsync("hello", DegradedOnTheMetric, "Degraded naming spec.autoscaling.metric");
        await Eventually.True(async () => await _scenario.HpaCountAsync() == 0, "the HPA removed");
    }

    [Fact]
    public async Task InstallingKedaLaterCreatesTheScaledObjectAndClearsDegraded()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");
        await _scenario.RuntimeAsync("hello", DegradedOnTheMetric, "Degraded naming spec.autoscaling.metric");

        KedaCrd.Install(_scenario.Server);

        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "the ScaledObject");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");
    }

    [Fact]
    public async Task RuntimesWithoutConcurrencyAutoscalingAreNotDegraded()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 2");

        await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();
        HasCondition(await _scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded, "False").Should().BeTrue();
    }
}
