using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Reconciliation;
using k8s.Models;

namespace Booster.Operator.Tests.Reconciliation;

public class StatusCalculatorTests
{
    private static readonly DateTime Now = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static V1Deployment Deployment(int replicas, int available, int updated, long generation = 1, long observed = 1) => new()
    {
        Metadata = new V1ObjectMeta { Generation = generation },
        Spec = new V1DeploymentSpec { Replicas = replicas },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed, Replicas = replicas, UpdatedReplicas = updated, ReadyReplicas = available, AvailableReplicas = available,
        },
    };

    private static BoosterRuntimeStatus Compute(V1Deployment? deployment, IReadOnlyList<FieldError>? errors = null, string? failure = null, BoosterRuntimeStatus? previous = null) =>
        StatusCalculator.Compute(new StatusInputs(3, "a=b", errors ?? [], deployment, failure, previous), Now);

    private static V1Condition Get(BoosterRuntimeStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    [Fact]
    public void ReadyPodsMakeItAvailableAndTheRolloutComplete()
    {
        var status = Compute(Deployment(3, 3, 3));

        Get(status, BoosterRuntimeConditions.Available).Status.Should().Be("True");
        Get(status, BoosterRuntimeConditions.Progressing).Status.Should().Be("False");
        Get(status, BoosterRuntimeConditions.Degraded).Status.Should().Be("False");
        status.ReadyReplicas.Should().Be(3);
        status.ObservedGeneration.Should().Be(3);
        status.Selector.Should().Be("a=b");
        status.Conditions.Should().OnlyContain(c => c.ObservedGeneration == 3);
    }

    [Theory]
    [InlineData(4, 3, true)]
    [InlineData(4, 2, false)]
    [InlineData(1, 0, false)]
    [InlineData(0, 0, true)]
    public void AvailableNeedsAllButAQuarterOfThePods(int replicas, int available, bool expected) =>
        Get(Compute(Deployment(replicas, available, replicas)), BoosterRuntimeConditions.Available).Status.Should().Be(expected ? "True" : "False");

    [Fact]
    public void AnUnobservedGenerationIsStillProgressing() =>
        Get(Compute(Deployment(2, 2, 2, generation: 2, observed: 1)), BoosterRuntimeConditions.Progressing).Status.Should().Be("True");

    [Fact]
    public void AnInvalidSpecIsDegradedNamingEveryField()
    {
        var status = Compute(Deployment(2, 2, 2), [new FieldError("spec.replicas", "bad"), new FieldError("spec.pool.maxConcurrency", "bad")]);

        var degraded = Get(status, BoosterRuntimeConditions.Degraded);
        degraded.Reason.Should().Be(BoosterRuntimeConditions.InvalidSpec);
        degraded.Message.Should().Contain("spec.replicas").And.Contain("spec.pool.maxConcurrency");
        Get(status, BoosterRuntimeConditions.Available).Status.Should().Be("True", "the running pods keep serving");
    }

    [Fact]
    public void AnInvalidSpecWithoutADeploymentIsNotProgressing() =>
        Get(Compute(null, [new FieldError("spec.replicas", "bad")]), BoosterRuntimeConditions.Progressing).Reason.Should().Be(BoosterRuntimeConditions.InvalidSpec);

    [Fact]
    public void AFailureIsDegradedWithItsMessage()
    {
        var degraded = Get(Compute(Deployment(1, 1, 1), failure: "the API server answered 500"), BoosterRuntimeConditions.Degraded);

        degraded.Status.Should().Be("True");
        degraded.Reason.Should().Be(StatusCalculator.Reasons.ReconcileFailed);
        degraded.Message.Should().Be("the API server answered 500");
    }

    [Fact]
    public void NoDeploymentIsNotAvailable() =>
        Get(Compute(null), BoosterRuntimeConditions.Available).Reason.Should().Be(StatusCalculator.Reasons.DeploymentNotFound);

    [Fact]
    public void PodsTheDeploymentCannotCreateAreDegradedWithItsReasonAndMessage()
    {
        var deployment = Deployment(2, 0, 0);
        deployment.Status.Conditions =
        [
            new V1DeploymentCondition { Type = "ReplicaFailure", Status = "True", Reason = "FailedCreate", Message = "pods \"hello-1\" is forbidden: violates PodSecurity \"baseline:latest\"" },
        ];

        var degraded = Get(Compute(deployment), BoosterRuntimeConditions.Degraded);

        (degraded.Status, degraded.Reason).Should().Be(("True", "FailedCreate"));
        degraded.Message.Should().Contain("violates PodSecurity");
    }

    [Fact]
    public void ARolloutPastItsDeadlineIsDegradedAndNoLongerProgressing()
    {
        var deployment = Deployment(2, 0, 2);
        deployment.Status.Conditions =
        [
            new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = "ReplicaSet \"hello-5d\" has timed out progressing." },
        ];

        var status = Compute(deployment);

        var degraded = Get(status, BoosterRuntimeConditions.Degraded);
        (degraded.Status, degraded.Reason, degraded.Message).Should().Be(("True", "ProgressDeadlineExceeded", "ReplicaSet \"hello-5d\" has timed out progressing."));
        var progressing = Get(status, BoosterRuntimeConditions.Progressing);
        (progressing.Status, progressing.Reason).Should().Be(("False", "ProgressDeadlineExceeded"));
    }

    [Fact]
    public void AProgressingRolloutIsNotDegraded()
    {
        var deployment = Deployment(2, 1, 1);
        deployment.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "True", Reason = "ReplicaSetUpdated" }];

        Get(Compute(deployment), BoosterRuntimeConditions.Degraded).Status.Should().Be("False");
    }

    private static BoosterRuntimeStatus WithScaledObject(ScaledObjectObservation? scaled) =>
        StatusCalculator.Compute(new StatusInputs(3, "a=b", [], Deployment(2, 2, 2), null, null, scaled), Now);

    private static ScaledObjectObservation Keda(params (string Type, string Status, string Reason, string Message)[] conditions) =>
        new("hello", conditions.Select(c => new V1Condition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message }).ToList());

    [Fact]
    public void WithoutAScaledObjectThereIsNoAutoscalingCondition() =>
        WithScaledObject(null).Conditions!.Select(c => c.Type).Should().Equal("Available", "Progressing", "Degraded");

    [Fact]
    public void AReadyScaledObjectOffItsFallbackMakesAutoscalingTrue() =>
        Get(WithScaledObject(Keda(("Ready", "True", "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling"),
            ("Fallback", "False", "NoFallbackFound", "No fallback was found"))), BoosterRuntimeConditions.Autoscaling)
            .Should().BeEquivalentTo(new { Status = "True", Reason = StatusCalculator.Reasons.ScaledObjectReady });

    [Fact]
    public void AScaledObjectOnItsFallbackMakesAutoscalingFalseSayingWhatToCheck()
    {
        var condition = Get(WithScaledObject(Keda(("Ready", "True", "ScaledObjectReady", "ready"),
            ("Fallback", "True", "FallbackExists", "At least one trigger is falling back on this scaled object"))), BoosterRuntimeConditions.Autoscaling);

        condition.Status.Should().Be("False");
        condition.Reason.Should().Be(StatusCalculator.Reasons.ScaledObjectFallback);
        condition.Message.Should().Contain("At least one trigger is falling back").And.Contain("namespace, pod and runtime");
    }

    [Fact]
    public void AScaledObjectThatIsNotReadyMakesAutoscalingFalseInKedasWords()
    {
        var condition = Get(WithScaledObject(Keda(("Ready", "False", "ScaledObjectCheckFailed", "Failed to ensure HPA is correctly created for ScaledObject"))),
            BoosterRuntimeConditions.Autoscaling);

        condition.Status.Should().Be("False");
        condition.Reason.Should().Be(StatusCalculator.Reasons.ScaledObjectNotReady);
        condition.Message.Should().Contain("ScaledObjectCheckFailed").And.Contain("Failed to ensure HPA");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AScaledObjectNotThereOrNotYetReportedOnIsUnknown(bool there)
    {
        var condition = Get(WithScaledObject(there ? Keda() : new ScaledObjectObservation("hello", null)), BoosterRuntimeConditions.Autoscaling);

        condition.Status.Should().Be("Unknown");
        condition.Reason.Should().Be(StatusCalculator.Reasons.ScaledObjectPending);
    }
}
