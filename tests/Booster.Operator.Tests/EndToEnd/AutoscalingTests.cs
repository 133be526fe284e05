using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Reconciliation;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// Autoscaling on concurrency (a KEDA ScaledObject) and on CPU (an HPA), switched on, over and
/// off, in a cluster with KEDA's CRD installed: what is turned off is removed, and the Deployment's
/// replicas belong to the autoscaler.
/// </summary>
public sealed class AutoscalingTests : IAsyncLifetime
{
    private const string Concurrency = """{"spec":{"autoscaling":{"metric":"concurrency","minReplicas":2,"maxReplicas":6}}}""";

    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync(keda: true);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ConcurrencyAutoscalingWritesAScaledObjectOnTheDeploymentAndNoHpa()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 3\npool: {maxConcurrency: 10}");
        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");

        await _scenario.PatchRuntimeAsync("hello", Concurrency);

        var scaled = await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");
        var spec = scaled[0]["spec"]!;
        ((string)scaled[0]["metadata"]!["name"]!).Should().Be("hello");
        ((string)spec["scaleTargetRef"]!["name"]!).Should().Be("hello");
        ((int)spec["minReplicaCount"]!).Should().Be(2);
        ((int)spec["maxReplicaCount"]!).Should().Be(6);
        ((string)spec["triggers"]![0]!["type"]!).Should().Be("prometheus");
        ((string)spec["triggers"]![0]!["metadata"]!["threshold"]!).Should().Be("70", "70 % of the pool each pod admits, on average over the pods");
        ((string)scaled[0]["metadata"]!["ownerReferences"]![0]!["kind"]!).Should().Be(BoosterRuntime.KindName);
        await _scenario.QuietAsync();
        (await _scenario.HpaCountAsync()).Should().Be(0, "KEDA makes the HPA; a second one would fight it");
        // The count was handed over, not reset to 1, and the operator no longer owns it.
        var deployment = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        deployment.Spec.Replicas.Should().Be(3);
        OwnedFields(deployment, "booster-operator").Should().NotContain("f:replicas");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");
    }

    [Fact]
    public async Task KedasFallbackAndReadinessShowInTheRuntimesStatusAndAWarning()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Autoscaling, "Unknown", StatusCalculator.Reasons.ScaledObjectPending),
            "Autoscaling=Unknown until KEDA reports");

        // What KEDA writes when the Prometheus query finds no series three times in a row.
        await ReportAsKeda(("Ready", "True", "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling"),
            ("Fallback", "True", "FallbackExists", "At least one trigger is falling back on this scaled object"));

        var runtime = await _scenario.RuntimeAsync("hello",
            r => HasCondition(r, BoosterRuntimeConditions.Autoscaling, "False", StatusCalculator.Reasons.ScaledObjectFallback), "Autoscaling=False on the fallback");
        ((string)Condition(runtime, BoosterRuntimeConditions.Autoscaling)!["message"]!).Should().Contain("falling back");
        HasCondition(runtime, BoosterRuntimeConditions.Degraded, "False").Should().BeTrue("the pool still serves");
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Type == "Warning" && e.Reason == StatusCalculator.Reasons.ScaledObjectFallback),
            "a Warning event");

        await ReportAsKeda(("Ready", "True", "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling"),
            ("Fallback", "False", "NoFallbackFound", "No fallback was found"));
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Autoscaling, "True", StatusCalculator.Reasons.ScaledObjectReady),
            "Autoscaling=True once KEDA reads the load again");
    }

    /// <summary>Writes the ScaledObject's status conditions, as KEDA's operator does.</summary>
    private Task ReportAsKeda(params (string Type, string Status, string Reason, string Message)[] conditions)
    {
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(conditions.Select(c => (JsonNode?)new JsonObject
                {
                    ["type"] = c.Type, ["status"] = c.Status, ["reason"] = c.Reason, ["message"] = c.Message,
                }).ToArray()),
            },
        };
        return _scenario.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            Booster.Operator.Desired.Keda.ScaledObject.Group, Booster.Operator.Desired.Keda.ScaledObject.Version, Namespace,
            Booster.Operator.Desired.Keda.ScaledObject.Plural, "hello");
    }

    [Fact]
    public async Task SwitchingFromConcurrencyToCpuDeletesTheScaledObjectAndBringsBackTheHpa()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"cpu"},"resources":{"requests":{"cpu":"100m"}}}}""");

        await Eventually.True(async () => await _scenario.HpaCountAsync() == 1, "the HPA");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 0, "no ScaledObject");
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Reason == "Deleted" && e.Message.StartsWith("Deleted ScaledObject hello", StringComparison.Ordinal)),
            "a Deleted event for the ScaledObject");

        // And back: the HPA goes, the ScaledObject comes.
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"concurrency"}}}""");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "the ScaledObject again");
        await Eventually.True(async () => await _scenario.HpaCountAsync() == 0, "no HPA");
    }

    [Fact]
    public async Task TurningConcurrencyAutoscalingOffDeletesTheScaledObjectAndSetsReplicasAgain()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":null,"replicas":3}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 0, "no ScaledObject");
        (await _scenario.HpaCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task TheAutoscalersReplicaCountIsNotFoughtOver()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 6}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");
        await _scenario.QuietAsync();

        // What KEDA's HPA does: a write of the Deployment's scale subresource.
        await _scenario.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "hello", Namespace);
        // A spec change makes the operator apply the Deployment again.
        var changed = await _scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":2500}}}""");
        await _scenario.ReconciledAsync("hello", ResourceVersion(changed));
        await _scenario.QuietAsync();

        var deployment = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        Env(deployment)[Booster.Contract.BoosterVariables.TimeoutMs].Should().Be("2500");
        deployment.Spec.Replicas.Should().Be(5, "the autoscaler's count stays");
    }

    [SkippableFact]
    public async Task KubectlScaleWhileScalingOnConcurrencyIsAnsweredWithAWarningNamingTheScaledObject()
    {
        Kubectl.SkipUnlessInstalled();
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "one ScaledObject");
        await _scenario.QuietAsync();
        var before = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);

        await Kubectl.SucceedAsync(_scenario.Server, "scale", "boosterruntime/hello", "--replicas=7");

        var warning = await Eventually.Value(async () => (await _scenario.EventsAsync()).FirstOrDefault(e => e.Reason == BoosterRuntimeReconciler.ReplicasIgnored),
            e => e is not null, "a ReplicasIgnored warning");
        warning!.Type.Should().Be("Warning");
        warning.Message.Should().Contain("spec.replicas (7) is ignored").And.Contain("ScaledObject").And.Contain("2 to 4");
        await _scenario.QuietAsync();
        (await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace)).Spec.Replicas.Should().Be(before.Spec.Replicas);
    }
}
