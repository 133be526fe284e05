using Booster.Operator.Api;
using k8s.Models;
using static Booster.Operator.Reconciliation.Conditions;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The status of a BoosterRuntime from what a reconcile observed. Pure: no client, no clock
/// (the time is passed in), so every condition rule is tested directly.
/// </summary>
internal static class StatusCalculator
{
    /// <summary>Reasons of the conditions, besides <see cref="BoosterRuntimeConditions.InvalidSpec"/>.</summary>
    public static class Reasons
    {
        public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
        public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
        public const string DeploymentNotFound = "DeploymentNotFound";
        public const string RollingOut = "RollingOut";
        public const string RolloutComplete = "RolloutComplete";
        public const string Reconciled = "Reconciled";
        public const string ReconcileFailed = "ReconcileFailed";
        public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
        public const string ReplicaFailure = "ReplicaFailure";
        public const string ScaledObjectPending = "ScaledObjectPending";
        public const string ScaledObjectNotReady = "ScaledObjectNotReady";
        public const string ScaledObjectFallback = "ScaledObjectFallback";
        public const string ScaledObjectReady = "ScaledObjectReady";
    }

    public static BoosterRuntimeStatus Compute(StatusInputs inputs, DateTime now)
    {
        var deployment = inputs.Deployment;
        var observed = deployment?.Status;
        var conditions = new List<V1Condition>
        {
            Available(inputs),
            Progressing(inputs),
            Degraded(inputs),
        };
        if (inputs.ScaledObject is { } scaledObject) conditions.Add(Autoscaling(scaledObject));
        foreach (var condition in conditions) condition.ObservedGeneration = inputs.Generation;
        return new BoosterRuntimeStatus
        {
            ObservedGeneration = inputs.Generation,
            Replicas = observed?.Replicas ?? 0,
            DesiredReplicas = deployment?.Spec?.Replicas ?? 0,
            ReadyReplicas = observed?.ReadyReplicas ?? 0,
            AvailableReplicas = observed?.AvailableReplicas ?? 0,
            Selector = inputs.Selector,
            Conditions = Merge(inputs.Previous?.Conditions, conditions, now),
        };
    }

    /// <summary>
    /// Pods the pool needs available: the Deployment's replicas less a quarter (rounded down),
    /// the same slack a default rolling update allows, so a rollout does not flip Available.
    /// </summary>
    public static int MinimumAvailable(int replicas) => replicas - replicas / 4;

    private static V1Condition Available(StatusInputs inputs)
    {
        if (inputs.Deployment is not { } deployment)
            return Condition(BoosterRuntimeConditions.Available, False, Reasons.DeploymentNotFound, "the Deployment does not exist yet");
        var wanted = deployment.Spec?.Replicas ?? 1;
        var available = deployment.Status?.AvailableReplicas ?? 0;
        var minimum = MinimumAvailable(wanted);
        return available >= minimum
            ? Condition(BoosterRuntimeConditions.Available, True, Reasons.MinimumReplicasAvailable, $"{available} of {wanted} pods available")
            : Condition(BoosterRuntimeConditions.Available, False, Reasons.MinimumReplicasUnavailable, $"{available} of {wanted} pods available, {minimum} needed");
    }

    private static V1Condition Progressing(StatusInputs inputs)
    {
        if (inputs.Deployment is not { } deployment)
            return inputs.SpecErrors.Count > 0
                ? Condition(BoosterRuntimeConditions.Progressing, False, BoosterRuntimeConditions.InvalidSpec, "nothing is rolled out until the spec is valid")
                : Condition(BoosterRuntimeConditions.Progressing, True, Reasons.RollingOut, "creating the Deployment");
        var wanted = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        var updated = status?.UpdatedReplicas ?? 0;
        var total = status?.Replicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        if (StalledRollout(deployment) is { } stalled)
            return Condition(BoosterRuntimeConditions.Progressing, False, Reasons.ProgressDeadlineExceeded, stalled.Message ?? "the rollout made no progress within its deadline");
        var seen = status?.ObservedGeneration ?? 0;
        var done = seen >= (deployment.Metadata?.Generation ?? 0) && updated >= wanted && total == updated && available >= wanted;
        return done
            ? Condition(BoosterRuntimeConditions.Progressing, False, Reasons.RolloutComplete, $"all {wanted} pods updated and available")
            : Condition(BoosterRuntimeConditions.Progressing, True, Reasons.RollingOut, $"{updated} of {wanted} pods updated, {available} available");
    }

    private static V1Condition Degraded(StatusInputs inputs)
    {
        if (inputs.SpecErrors.Count > 0)
            return Condition(BoosterRuntimeConditions.Degraded, True, BoosterRuntimeConditions.InvalidSpec,
                "the spec is invalid, so the running pods are left as they are: " + string.Join("; ", inputs.SpecErrors));
        if (inputs.Failure is { } failure)
            return Condition(BoosterRuntimeConditions.Degraded, True, Reasons.ReconcileFailed, failure);
        // The Deployment controller's own verdicts: pods it cannot create (refused by Pod Security,
        // over quota), a rollout stuck past its deadline (an image that cannot be pulled).
        if (inputs.Deployment is { } deployment)
        {
            if (DeploymentCondition(deployment, "ReplicaFailure") is { Status: True } failed)
                return Condition(BoosterRuntimeConditions.Degraded, True, failed.Reason ?? Reasons.ReplicaFailure, failed.Message ?? "the Deployment cannot create pods");
            if (StalledRollout(deployment) is { } stalled)
                return Condition(BoosterRuntimeConditions.Degraded, True, Reasons.ProgressDeadlineExceeded, stalled.Message ?? "the rollout made no progress within its deadline");
        }
        return Condition(BoosterRuntimeConditions.Degraded, False, Reasons.Reconciled, "the owned objects match the spec");
    }

    /// <summary>
    /// KEDA's verdict on the ScaledObject: not Ready (a trigger it cannot set up), or on its
    /// fallback (the query fails or finds no series, so the pool holds spec.replicas instead of
    /// following its load) — both would otherwise go unnoticed.
    /// </summary>
    private static V1Condition Autoscaling(ScaledObjectObservation scaled)
    {
        const string type = BoosterRuntimeConditions.Autoscaling;
        if (scaled.Conditions is not { } reported)
            return Condition(type, Unknown, Reasons.ScaledObjectPending, $"ScaledObject {scaled.Name} is not there yet");
        if (reported.FirstOrDefault(c => c.Type == ScaledObjectObservation.Ready) is not { Status: True or False } ready)
            return Condition(type, Unknown, Reasons.ScaledObjectPending, $"KEDA has not reported on ScaledObject {scaled.Name} yet");
        if (ready.Status == False)
            return Condition(type, False, Reasons.ScaledObjectNotReady, $"KEDA's ScaledObject {scaled.Name} is not ready ({ready.Reason}): {ready.Message}");
        if (reported.FirstOrDefault(c => c.Type == ScaledObjectObservation.Fallback) is { Status: True } fallback)
            return Condition(type, False, Reasons.ScaledObjectFallback,
                $"KEDA holds the fallback replicas of ScaledObject {scaled.Name} instead of following the load ({fallback.Reason}: {fallback.Message}); " +
                "its Prometheus query fails or finds no series: check that Prometheus scrapes the runtime pods with the labels namespace, pod and runtime");
        return Condition(type, True, Reasons.ScaledObjectReady, $"KEDA scales the pool on its load (ScaledObject {scaled.Name})");
    }

    private static V1DeploymentCondition? StalledRollout(V1Deployment deployment) =>
        DeploymentCondition(deployment, "Progressing") is { Status: False, Reason: Reasons.ProgressDeadlineExceeded } stalled ? stalled : null;

    private static V1DeploymentCondition? DeploymentCondition(V1Deployment deployment, string type) =>
        deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    private static V1Condition Condition(string type, string status, string reason, string message) =>
        new() { Type = type, Status = status, Reason = reason, Message = message };
}
