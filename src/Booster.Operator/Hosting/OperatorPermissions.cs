using Booster.Operator.Reconciliation;

namespace Booster.Operator.Hosting;

/// <summary>
/// Every Kubernetes API call the operator makes, as RBAC sees it: API group, resource, verbs.
/// The one list of them — the Helm chart's ClusterRole must grant exactly these, and the
/// end-to-end tests check that the operator never calls anything that is not listed.
/// </summary>
internal static class OperatorPermissions
{
    public sealed record Rule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs);

    /// <summary>
    /// What the operator does with every kind it owns: cache (list, watch), look for an object of
    /// the name before creating it (get), server-side apply (patch, and create when the apply
    /// creates the object), delete when no longer wanted.
    /// </summary>
    public static IReadOnlyList<string> OwnedKindVerbs { get; } = ["get", "list", "watch", "create", "patch", "delete"];

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        // Watched through the cache; written only through the status subresource.
        new("booster.dev", "boosterruntimes", ["get", "list", "watch"]),
        new("booster.dev", "boosterruntimes/status", ["patch"]),
        // Owner references with blockOwnerDeletion need this where the OwnerReferencesPermissionEnforcement
        // admission plugin runs (OpenShift's default).
        new("booster.dev", "boosterruntimes/finalizers", ["update"]),
        .. OwnedKind.All.Select(kind => new Rule(kind.Group, kind.Plural, OwnedKindVerbs)),
        // Events, aggregated: created once, then their count patched.
        new("", "events", ["create", "patch"]),
        // Leader election (LeaseLock reads, creates and replaces its Lease; released on shutdown by a replace).
        new("coordination.k8s.io", "leases", ["get", "create", "update"]),
    ];

    public static bool Allows(string apiGroup, string resource, string verb) =>
        Rules.Any(rule => rule.ApiGroup == apiGroup && rule.Resource == resource && rule.Verbs.Contains(verb));
}
