using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>A printer column of a CRD: shown by <c>kubectl get</c> through Table responses.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description);

/// <summary>One resource the fixture serves, as discovery describes it.</summary>
internal sealed record ApiResource(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatus = false,
    bool HasScale = false,
    IReadOnlyList<string>? ShortNames = null,
    IReadOnlyList<PrinterColumn>? PrinterColumns = null,
    bool ReturnsDeletedObject = false,
    JsonObject? Schema = null)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>
    /// Whether the items of a LIST carry apiVersion and kind. A real API server leaves them out for
    /// built-in kinds (their items are converted from typed objects; watch events and GETs still
    /// carry them) and keeps them for custom resources, which are stored as the JSON that was sent.
    /// </summary>
    public bool ListItemsCarryKind => !BuiltIn.Contains(this);

    /// <summary>Built-in resources, as the fixture serves them (a small subset of a real API server).</summary>
    public static IReadOnlyList<ApiResource> BuiltIn { get; } =
    [
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatus: true, ShortNames: ["ns"]),
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true, ShortNames: ["cm"]),
        // DELETE answers with the deleted Service, where most kinds answer with a Status.
        new("", "v1", "services", "Service", Namespaced: true, HasStatus: true, ShortNames: ["svc"], ReturnsDeletedObject: true),
        new("", "v1", "events", "Event", Namespaced: true, ShortNames: ["ev"]),
        new("apps", "v1", "deployments", "Deployment", Namespaced: true, HasStatus: true, HasScale: true, ShortNames: ["deploy"]),
        new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", Namespaced: true, HasStatus: true, ShortNames: ["hpa"]),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", Namespaced: true, HasStatus: true, ShortNames: ["pdb"]),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", Namespaced: true, ShortNames: ["netpol"]),
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false, HasStatus: true, ShortNames: ["crd", "crds"]),
    ];

    /// <summary>The served versions of a CustomResourceDefinition.</summary>
    public static IEnumerable<ApiResource> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        foreach (var version in spec["versions"]!.AsArray().Where(v => (bool?)v!["served"] != false))
        {
            var subresources = version!["subresources"];
            yield return new ApiResource(
                (string)spec["group"]!, (string)version["name"]!, (string)names["plural"]!, (string)names["kind"]!,
                Namespaced: (string?)spec["scope"] != "Cluster",
                HasStatus: subresources?["status"] is not null,
                HasScale: subresources?["scale"] is not null,
                ShortNames: names["shortNames"]?.AsArray().Select(n => (string)n!).ToList(),
                PrinterColumns: version["additionalPrinterColumns"]?.AsArray().Select(c => new PrinterColumn(
                    (string)c!["name"]!, (string)c["type"]!, (string)c["jsonPath"]!, (string?)c["description"] ?? "")).ToList() ?? [],
                Schema: version["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject());
        }
    }
}
