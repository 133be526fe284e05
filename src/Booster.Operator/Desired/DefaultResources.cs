using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// Requests of the containers whose resources the spec does not set, so that no runtime pod is
/// ever BestEffort (the first evicted under node pressure, and scheduled as if it needed nothing).
/// Documented in docs/configuration.md.
/// </summary>
internal static class DefaultResources
{
    /// <summary>The runtime container when <c>spec.resources</c> sets neither requests nor limits: a small pool's worth.</summary>
    public static V1ResourceRequirements Runtime() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
    };

    /// <summary>The container that copies modules out of an image: a <c>cp</c>, briefly.</summary>
    public static V1ResourceRequirements ModuleCopy() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") },
    };

    /// <summary>What the runtime container gets: the spec's resources when they say anything, else <see cref="Runtime"/>.</summary>
    public static V1ResourceRequirements RuntimeOr(V1ResourceRequirements? spec) =>
        spec is { Requests.Count: > 0 } or { Limits.Count: > 0 } ? spec : Runtime();
}
