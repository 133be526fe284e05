using Booster.Operator.Api;
using Booster.Operator.Reconciliation;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>The status says what the Deployment controller says, and routine conflicts do not show in it.</summary>
public sealed class StatusTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task PodsRefusedByPodSecurityMakeTheRuntimeDegradedWithTheDeploymentsReasonAndMessage()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        _scenario.Server.SetDeploymentConditions(Namespace, "hello",
            ("Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"hello-5d\" is progressing."),
            ("ReplicaFailure", "True", "FailedCreate", "pods \"hello-5d-x\" is forbidden: violates PodSecurity \"baseline:latest\": privileged"));

        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", "FailedCreate"), "Degraded=True FailedCreate");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("violates PodSecurity");
    }

    [Fact]
    public async Task ARolloutPastItsDeadlineMakesTheRuntimeDegradedAndNotProgressing()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        _scenario.Server.SetDeploymentConditions(Namespace, "hello",
            ("Progressing", "False", "ProgressDeadlineExceeded", "ReplicaSet \"hello-5d\" has timed out progressing."));

        var runtime = await _scenario.RuntimeAsync("hello",
            r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", StatusCalculator.Reasons.ProgressDeadlineExceeded), "Degraded=True ProgressDeadlineExceeded");
        HasCondition(runtime, BoosterRuntimeConditions.Progressing, "False", StatusCalculator.Reasons.ProgressDeadlineExceeded).Should().BeTrue();
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Be("ReplicaSet \"hello-5d\" has timed out progressing.");
    }

    [Fact]
    public async Task AConflictIsRetriedWithoutChangingTheConditionsOrAWarning()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();
        var before = Condition(await _scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded)!.DeepClone();
        _scenario.Server.FailNext("patch", "deployments", 409, times: 2);

        var patched = await _scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":3}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas after the conflicts");
        await _scenario.QuietAsync();
        _scenario.Operator.Metrics.Reconciles("conflict").Should().Be(2);
        var after = Condition(await _scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded)!.AsObject();
        ((string?)after["status"], (string?)after["reason"], (string?)after["lastTransitionTime"])
            .Should().Be(((string?)before["status"], (string?)before["reason"], (string?)before["lastTransitionTime"]));
        (await _scenario.EventsAsync()).Should().NotContain(e => e.Type == "Warning");
        ((long?)(await _scenario.GetRuntimeAsync("hello"))["status"]!["observedGeneration"]).Should().Be((long)patched["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task TheSameWarningAgainCountsOnTheSameEvent()
    {
        await _scenario.CreateRuntimeAsync("hello", "pool: {maxConcurrency: 0}");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", BoosterRuntimeConditions.InvalidSpec), "InvalidSpec");
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":4}}}""");
        await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"pool":{"maxConcurrency":0}}}""");

        var warning = await Eventually.Value(async () => (await _scenario.EventsAsync()).Where(e => e.Reason == BoosterRuntimeConditions.InvalidSpec).ToList(),
            events => events.Count == 1 && events[0].Count == 2, "one InvalidSpec event counted twice");
        warning[0].LastTimestamp.Should().BeOnOrAfter(warning[0].FirstTimestamp!.Value);
    }

    [Fact]
    public async Task ScalingWhileAutoscalingIsOnIsAnsweredWithAWarning()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await _scenario.DeploymentAsync("hello");
        await _scenario.QuietAsync();

        // What kubectl scale does: a write of the scale subresource.
        await _scenario.Client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(new k8s.Models.V1Patch("""{"spec":{"replicas":7}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            BoosterRuntime.Group, BoosterRuntime.Version, Namespace, BoosterRuntime.Plural, "hello");

        var warning = await Eventually.Value(async () => (await _scenario.EventsAsync()).FirstOrDefault(e => e.Reason == BoosterRuntimeReconciler.ReplicasIgnored),
            e => e is not null, "a ReplicasIgnored warning");
        warning!.Type.Should().Be("Warning");
        warning.Message.Should().Contain("spec.replicas (7) is ignored while spec.autoscaling is set").And.Contain("2 to 4");
    }

    [Fact]
    public async Task TheStatusCarriesTheDesiredReplicasForThePrinterColumn()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 3");

        await _scenario.RuntimeAsync("hello", r => (int?)r["status"]?["desiredReplicas"] == 3, "desiredReplicas 3");
    }
}
