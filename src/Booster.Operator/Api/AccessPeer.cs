using System.Text.Json.Serialization;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>
/// Callers a NetworkPolicy admits, as in a NetworkPolicyPeer: pods matching
/// <see cref="PodSelector"/> in namespaces matching <see cref="NamespaceSelector"/>. Only a pod
/// selector: pods of the BoosterRuntime's own namespace. Only a namespace selector: every pod there.
/// </summary>
public sealed class AccessPeer
{
    /// <summary>Namespaces of the callers (by their labels, e.g. kubernetes.io/metadata.name).</summary>
    [JsonPropertyName("namespaceSelector")]
    public V1LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Pods of the callers.</summary>
    [JsonPropertyName("podSelector")]
    public V1LabelSelector? PodSelector { get; set; }
}
