namespace Booster.Operator.Hosting;

/// <summary>
/// Every Kubernetes API call the operator makes, as RBAC sees it: API group, resource, verbs.
/// The one list of them — the Helm chart's ClusterRole must grant exactly these, and the
/// end-to-end tests check that the operator never calls anything that is not listed.
/// </summary>
public static class OperatorPermissions
{
    public sealed record Rule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs);

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        // Watched through the cache; written only through the status subresource.
        new("booster.dev", "boosterruntimes", ["get", "list", "watch"]),
        new("booster.dev", "boosterruntimes/status", ["patch"]),
        // Owned objects: cached (list, watch), created, updated with resourceVersion, read
        // when a create finds one already there, deleted when the spec stops asking for it.
        new("apps", "deployments", ["get", "list", "watch", "create", "update", "delete"]),
        new("", "services", ["get", "list", "watch", "create", "update", "delete"]),
        new("autoscaling", "horizontalpodautoscalers", ["get", "list", "watch", "create", "update", "delete"]),
        new("policy", "poddisruptionbudgets", ["get", "list", "watch", "create", "update", "delete"]),
        new("", "events", ["create"]),
        // Leader election (LeaseLock reads, creates and replaces its Lease).
        new("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    public static bool Allows(string apiGroup, string resource, string verb) =>
        Rules.Any(rule => rule.ApiGroup == apiGroup && rule.Resource == resource && rule.Verbs.Contains(verb));
}
