using k8s;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// One kind of object a BoosterRuntime may own, addressed the generic way (group, version,
/// plural), so every kind goes through the same list, watch, apply and delete calls. An
/// <paramref name="Optional"/> kind belongs to a custom resource that may not be installed
/// (its watch then counts it as empty, and applying one reports the missing CRD).
/// Owning a new kind takes: a builder in Desired/ whose object sets apiVersion and kind (any
/// <c>IKubernetesObject&lt;V1ObjectMeta&gt;</c>, so a custom resource needs no client model), added
/// to <c>DesiredState.Build</c>; one entry in <see cref="All"/> (e.g. KEDA's
/// <c>new("ScaledObject", "keda.sh", "v1alpha1", "scaledobjects", Optional: true)</c>); its rule
/// in the chart's rbac.yaml (the operator's own list, OperatorPermissions, follows from
/// <see cref="All"/>, and a test compares the two). Watching, apply, drift, deletion when no
/// longer wanted and the reconcile triggers are the same for every kind.
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
