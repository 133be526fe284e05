namespace Booster.Operator.Api;

/// <summary>Condition types and reasons of <see cref="BoosterRuntimeStatus.Conditions"/>.</summary>
internal static class BoosterRuntimeConditions
{
    /// <summary>Enough pods are ready to serve.</summary>
    public const string Available = "Available";

    /// <summary>A rollout is under way.</summary>
    public const string Progressing = "Progressing";

    /// <summary>The operator cannot bring the pool to the spec; the message says why.</summary>
    public const string Degraded = "Degraded";

    /// <summary>
    /// With <c>metric: concurrency</c>: whether KEDA scales the pool on its load (its ScaledObject
    /// is Ready and not on its fallback); False says why, in KEDA's words.
    /// </summary>
    public const string Autoscaling = "Autoscaling";

    /// <summary>Reason of <see cref="Degraded"/> when validation rejects the spec; the message names the fields.</summary>
    public const string InvalidSpec = "InvalidSpec";
}
