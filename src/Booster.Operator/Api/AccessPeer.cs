using System.Text.Json.Serialization;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>
/// Callers a NetworkPolicy admits, as in a NetworkPolicyPeer: pods matching
/// <see cref="PodSelector"/> in namespaces matching <see cref="NamespaceSelector"/>. Only a pod
/// selector: pods of the BoosterRuntime's own namespace. Only a namespace selector: every pod
/// there. Or, alone, an <see cref="IpBlock"/>: addresses outside the pod network, such as the
/// node and client IPs that a NodePort or LoadBalancer Service delivers.
/// </summary>
internal sealed class AccessPeer
{
    /// <summary>Namespaces of the callers (by their labels, e.g. kubernetes.io/metadata.name).</summary>
    [JsonPropertyName("namespaceSelector")]
    public V1LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Pods of the callers.</summary>
    [JsonPropertyName("podSelector")]
    public V1LabelSelector? PodSelector { get; set; }

    /// <summary>Source addresses (a CIDR, less the CIDRs in <c>except</c>); not combined with the selectors.</summary>
    [JsonPropertyName("ipBlock")]
    public V1IPBlock? IpBlock { get; set; }
}
