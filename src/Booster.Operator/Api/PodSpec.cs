using System.Text.Json.Serialization;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>Pod-level settings copied into the runtime pods' template.</summary>
internal sealed class PodSpec
{
    /// <summary>Extra pod labels; the <c>app.kubernetes.io/*</c> labels the operator sets cannot be overridden.</summary>
    [JsonPropertyName("labels")]
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Extra pod annotations; <c>booster.dev/config-hash</c> is reserved.</summary>
    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }

    /// <summary>Node labels a pod's node must have.</summary>
    [JsonPropertyName("nodeSelector")]
    public IDictionary<string, string>? NodeSelector { get; set; }

    /// <summary>Tolerations of the pods (core/v1 Toleration).</summary>
    [JsonPropertyName("tolerations")]
    public IList<V1Toleration>? Tolerations { get; set; }

    /// <summary>Scheduling affinity of the pods (core/v1 Affinity).</summary>
    [JsonPropertyName("affinity")]
    public V1Affinity? Affinity { get; set; }

    /// <summary>PriorityClass of the pods.</summary>
    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    /// <summary>Secrets for pulling the runtime and module images.</summary>
    [JsonPropertyName("imagePullSecrets")]
    public IList<V1LocalObjectReference>? ImagePullSecrets { get; set; }

    /// <summary>
    /// Leave the pods' user, group and fsGroup to the platform instead of 65532: OpenShift's
    /// restricted-v2 assigns them from the namespace's range and refuses a fixed one. The pods
    /// still run as non-root.
    /// </summary>
    [JsonPropertyName("platformAssignsUser")]
    public bool PlatformAssignsUser { get; set; }
}
