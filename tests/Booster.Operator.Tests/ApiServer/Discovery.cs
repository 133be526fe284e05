using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Legacy (non-aggregated) discovery, which kubectl falls back to when the server answers
/// plain JSON: <c>/api</c>, <c>/apis</c> and one resource list per group version.
/// </summary>
internal static class Discovery
{
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(IEnumerable<ApiResource> resources) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).Select(group =>
        {
            var versions = group.Select(r => r.Version).Distinct().Select(v => (JsonNode)new JsonObject
            {
                ["groupVersion"] = $"{group.Key}/{v}",
                ["version"] = v,
            }).ToArray();
            return (JsonNode)new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = new JsonArray(versions),
                ["preferredVersion"] = versions[0].DeepClone(),
            };
        }).ToArray()),
    };

    public static JsonObject Resources(string groupVersion, IEnumerable<ApiResource> resources)
    {
        var list = new JsonArray();
        foreach (var r in resources.Where(r => r.GroupVersion == groupVersion))
        {
            list.Add(new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
                ["shortNames"] = new JsonArray((r.ShortNames ?? []).Select(n => (JsonNode?)n).ToArray()),
            });
            if (r.HasStatus) list.Add(Subresource(r, "status", r.Kind, null));
            if (r.HasScale) list.Add(Subresource(r, "scale", "Scale", "autoscaling"));
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = list,
        };
    }

    private static JsonObject Subresource(ApiResource r, string name, string kind, string? group)
    {
        var sub = new JsonObject
        {
            ["name"] = $"{r.Plural}/{name}",
            ["singularName"] = "",
            ["namespaced"] = r.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray("get", "patch", "update"),
        };
        if (group is not null)
        {
            sub["group"] = group;
            sub["version"] = "v1";
        }
        return sub;
    }
}
