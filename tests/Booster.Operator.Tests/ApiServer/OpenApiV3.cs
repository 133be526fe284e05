using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Just enough of <c>/openapi/v3</c> for kubectl to learn that the server validates fields
/// itself (each PATCH operation lists the <c>fieldValidation</c> parameter), so that it does
/// not try to download the full schemas for client-side validation. The documents carry no
/// schemas, and the fixture does not validate: <c>fieldValidation</c> is accepted and ignored.
/// </summary>
internal static class OpenApiV3
{
    /// <summary>The discovery document: one entry per group version.</summary>
    public static JsonObject Root(IEnumerable<ApiResource> resources) => new()
    {
        ["paths"] = new JsonObject(resources.Select(r => PathOf(r)).Distinct().Select(path =>
            KeyValuePair.Create(path, (JsonNode?)new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}" }))),
    };

    /// <summary>The document of one group version (<c>api/v1</c> or <c>apis/GROUP/VERSION</c>).</summary>
    public static JsonObject GroupVersion(string path, IEnumerable<ApiResource> resources)
    {
        var paths = new JsonObject();
        foreach (var r in resources.Where(r => PathOf(r) == path))
        {
            var item = r.Namespaced ? $"/{path}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"/{path}/{r.Plural}/{{name}}";
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{r.Kind}",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
                },
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.33.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    public static string PathOf(ApiResource r) => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}";
}
