using k8s;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// One kind of object a BoosterRuntime may own, addressed the generic way (group, version,
/// plural), so every kind goes through the same list, watch, apply and delete calls. An
/// <paramref name="Optional"/> kind belongs to a custom resource that may not be installed
/// (its watch then counts it as empty, and applying one reports the missing CRD).
/// </summary>
public sealed record OwnedKind(string Kind, string Group, string Version, string Plural, bool Optional = false)
{
    public static OwnedKind Deployment { get; } = new("Deployment", "apps", "v1", "deployments");

    public static OwnedKind Service { get; } = new("Service", "", "v1", "services");

    public static OwnedKind HorizontalPodAutoscaler { get; } = new("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers");

    public static OwnedKind PodDisruptionBudget { get; } = new("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets");

    /// <summary>Every kind the operator owns: watched, applied when wanted, deleted when no longer wanted.</summary>
    public static IReadOnlyList<OwnedKind> All { get; } = [Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public bool Matches(IKubernetesObject<V1ObjectMeta> obj) => obj.Kind == Kind && obj.ApiVersion == ApiVersion;
}
