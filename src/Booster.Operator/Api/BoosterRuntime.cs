using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>
/// A pool of Booster runtime pods (<c>booster.dev/v1alpha1</c>, kind <c>BoosterRuntime</c>).
/// The CRD in <c>config/crds/booster.dev_boosterruntimes.yaml</c> states the same fields; a
/// test keeps the two in step.
/// </summary>
internal sealed class BoosterRuntime : IKubernetesObject<V1ObjectMeta>, ISpec<BoosterRuntimeSpec>, IStatus<BoosterRuntimeStatus?>
{
    public const string Group = "booster.dev";
    public const string Version = "v1alpha1";
    public const string GroupVersion = Group + "/" + Version;
    public const string KindName = "BoosterRuntime";
    public const string Plural = "boosterruntimes";

    /// <summary>Always <c>booster.dev/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = GroupVersion;

    /// <summary>Always <c>BoosterRuntime</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata; the name also names every object the operator creates.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired pool.</summary>
    [JsonPropertyName("spec")]
    public BoosterRuntimeSpec Spec { get; set; } = new();

    /// <summary>What the operator last observed; written only through the status subresource.</summary>
    [JsonPropertyName("status")]
    public BoosterRuntimeStatus? Status { get; set; }
}
