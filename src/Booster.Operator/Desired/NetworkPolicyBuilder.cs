using Booster.Contract;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The NetworkPolicy of a BoosterRuntime with <c>spec.access.allowFrom</c>: its pods accept
/// connections to the runtime port only from those callers, and always from the namespace that
/// scrapes /metrics (which shares the port), so dashboards, alerts and autoscaling keep working.
/// </summary>
internal static class NetworkPolicyBuilder
{
    public static V1NetworkPolicy? Build(BoosterRuntime runtime, DesiredStateOptions options)
    {
        if (runtime.Spec.Access?.AllowFrom is not { } allowFrom) return null;
        var rules = new List<V1NetworkPolicyIngressRule>();
        // A rule with an empty "from" would admit everyone: an empty allowFrom adds no rule.
        if (allowFrom.Count > 0) rules.Add(Rule(allowFrom.Select(Peer)));
        rules.Add(Rule([new V1NetworkPolicyPeer { NamespaceSelector = NamespaceNamed(options.MetricsScrapeNamespace) }]));
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = Ownership.MetadataFor(runtime),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = Labels.Selector(runtime) },
                PolicyTypes = ["Ingress"],
                Ingress = rules,
            },
        };
    }

    private static V1NetworkPolicyIngressRule Rule(IEnumerable<V1NetworkPolicyPeer> from) => new()
    {
        FromProperty = from.ToList(),
        Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = RuntimeSettings.Defaults.Port }],
    };

    private static V1NetworkPolicyPeer Peer(AccessPeer peer) => new()
    {
        NamespaceSelector = peer.NamespaceSelector,
        PodSelector = peer.PodSelector,
        IpBlock = peer.IpBlock,
    };

    /// <summary>Every namespace carries its name in this label (Kubernetes 1.22 and later).</summary>
    private static V1LabelSelector NamespaceNamed(string name) =>
        new() { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } };
}
