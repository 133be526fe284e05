using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Booster.Operator.Api;

/// <summary>Reads a BoosterRuntime from one JSON document, as the API server would store it.</summary>
internal static class BoosterRuntimeReader
{
    public static bool IsBoosterRuntime(JsonNode document) =>
        document is JsonObject obj
        && obj["apiVersion"]?.GetValueKind() == JsonValueKind.String && (string?)obj["apiVersion"] == BoosterRuntime.GroupVersion
        && obj["kind"]?.GetValueKind() == JsonValueKind.String && (string?)obj["kind"] == BoosterRuntime.KindName;

    /// <summary>The runtime, or the fields that could not be read: of the wrong type, or unknown.</summary>
    public static (BoosterRuntime? Runtime, IReadOnlyList<FieldError> Errors) Read(JsonNode document)
    {
        BoosterRuntime runtime;
        try
        {
            runtime = KubernetesJson.Deserialize<BoosterRuntime>(WithoutNulls(document));
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "(document)" : e.Path.TrimStart('$', '.');
            return (null, [new FieldError(path, "has a value of the wrong type")]);
        }
        var unknown = UnknownFields.Find(document, JsonNode.Parse(KubernetesJson.Serialize(runtime)))
            .Select(path => new FieldError(path, "unknown field"))
            .ToList();
        return unknown.Count == 0 ? (runtime, []) : (null, unknown);
    }

    /// <summary>
    /// No field of the CRD is nullable, so the API server drops null values before defaulting;
    /// doing the same here lets the C# defaults apply to <c>pool: null</c> or <c>pool: ~</c>.
    /// </summary>
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNulls).ToArray()),
        _ => node?.DeepClone(),
    };
}
