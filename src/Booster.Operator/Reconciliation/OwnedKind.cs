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
/// to <c>DesiredState.Build</c>; one entry in <see cref="All"/> (e.g. <see cref="ScaledObject"/>); its rule
/// in the chart's rbac.yaml (the operator's own list, OperatorPermissions, follows from
/// <see cref="All"/>, and tests compare it with rbac.yaml and the table in docs/installation.md). Watching, apply, drift, deletion when no
/// longer wanted and the reconcile triggers are the same for every kind. An optional kind names
/// <paramref name="RequestedBy"/>, the spec field that asks for it, and <paramref name="ProvidedBy"/>,
/// what installs it: both go into the Degraded message when its CRD is missing. An object of a kind
/// with a <paramref name="NameSuffix"/> is named the runtime's name with that suffix (see <see cref="KeyFor"/>).
/// </summary>
internal sealed record OwnedKind(string Kind, string Group, string Version, string Plural, bool Optional = false,
    string? RequestedBy = null, string? ProvidedBy = null, string NameSuffix = "")
{
    public static OwnedKind Deployment { get; } = new("Deployment", "apps", "v1", "deployments");

    public static OwnedKind Service { get; } = new("Service", "", "v1", "services");

    public static OwnedKind HorizontalPodAutoscaler { get; } = new("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers");

    public static OwnedKind PodDisruptionBudget { get; } = new("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets");

    public static OwnedKind NetworkPolicy { get; } = new("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies");

    /// <summary>KEDA's, for <c>metric: concurrency</c>; a cluster without KEDA does not serve it.</summary>
    public static OwnedKind ScaledObject { get; } = new(Desired.Keda.ScaledObject.KindName, Desired.Keda.ScaledObject.Group,
        Desired.Keda.ScaledObject.Version, Desired.Keda.ScaledObject.Plural, Optional: true,
        RequestedBy: "spec.autoscaling.metric: concurrency", ProvidedBy: "KEDA (https://keda.sh), or use metric: cpu");

    /// <summary>The rendered booster.yaml of <c>spec.modules.settings</c>; suffixed, so it never takes the name of a ConfigMap of modules.</summary>
    public static OwnedKind ConfigMap { get; } = new("ConfigMap", "", "v1", "configmaps", NameSuffix: Desired.ModuleSettingsLayout.ConfigMapSuffix);

    /// <summary>Every kind the operator owns: watched, applied when wanted, deleted when no longer wanted.</summary>
    public static IReadOnlyList<OwnedKind> All { get; } = [Deployment, Service, HorizontalPodAutoscaler, ScaledObject, PodDisruptionBudget, NetworkPolicy, ConfigMap];

    /// <summary>Where this kind's object of the runtime at <paramref name="runtime"/> is.</summary>
    public Watching.ObjectKey KeyFor(Watching.ObjectKey runtime) =>
        NameSuffix.Length == 0 ? runtime : new Watching.ObjectKey(runtime.Namespace, runtime.Name + NameSuffix);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public bool Matches(IKubernetesObject<V1ObjectMeta> obj) => obj.Kind == Kind && obj.ApiVersion == ApiVersion;

    /// <summary>What the status says when this optional kind's CRD is not installed: the field that asks for it, and the way out.</summary>
    public string NotServedMessage =>
        $"{RequestedBy ?? $"an object of kind {Kind}"} needs {Kind} ({ApiVersion}), which this cluster does not serve: install {ProvidedBy ?? "its CustomResourceDefinition"}";
}
