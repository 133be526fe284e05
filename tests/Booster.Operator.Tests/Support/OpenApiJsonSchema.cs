using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// Turns a structural openAPIV3Schema into JSON Schema (2020-12) so a real validator can check
/// documents as the API server would with strict field validation (kubectl's default): unknown
/// fields are errors. A keyword it does not know fails the conversion, so no rule of the CRD
/// is silently left unchecked.
/// </summary>
internal static class OpenApiJsonSchema
{
    private static readonly HashSet<string> Copied =
        ["required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "uniqueItems", "multipleOf"];

    /// <summary>Keywords that describe or steer the API server's storage, not what is valid.</summary>
    private static readonly HashSet<string> Ignored =
        // x-kubernetes-validations are CEL, which only the API server evaluates; the operator's
        // SpecValidator checks the same cross-field rules and is tested on them.
        ["description", "default", "format", "example", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations"];

    public static JsonSchema Build(JsonObject openApi)
    {
        var converted = Convert(openApi);
        converted["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.FromText(converted.ToJsonString());
    }

    /// <summary>Problems of a document, one line each ("/spec/pool: …"); empty when valid.</summary>
    public static IReadOnlyList<string> Problems(JsonSchema schema, JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
            .ToList();
    }

    private static JsonObject Convert(JsonObject node)
    {
        var result = new JsonObject();
        string? type = null;
        bool intOrString = false, nullable = false, preserveUnknown = false;
        foreach (var (key, value) in node)
        {
            switch (key)
            {
                case "type": type = (string)value!; break;
                case "nullable": nullable = (bool)value!; break;
                case "x-kubernetes-int-or-string": intOrString = (bool)value!; break;
                case "x-kubernetes-preserve-unknown-fields": preserveUnknown = (bool)value!; break;
                case "properties":
                    result[key] = new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Convert(p.Value!.AsObject()))));
                    break;
                case "items" or "not":
                    result[key] = Convert(value!.AsObject());
                    break;
                case "additionalProperties":
                    result[key] = value is JsonObject schema ? Convert(schema) : value!.DeepClone();
                    break;
                case "oneOf" or "anyOf" or "allOf":
                    result[key] = new JsonArray(value!.AsArray().Select(branch => (JsonNode?)Convert(branch!.AsObject())).ToArray());
                    break;
                case var copied when Copied.Contains(copied):
                    result[key] = value?.DeepClone();
                    break;
                case var ignored when Ignored.Contains(ignored):
                    break;
                default:
                    throw new NotSupportedException($"openAPIV3Schema keyword '{key}' is not checked by this test; teach {nameof(OpenApiJsonSchema)} about it");
            }
        }

        var types = intOrString ? new List<string> { "integer", "string" } : type is null ? [] : [type];
        if (nullable && types.Count > 0) types.Add("null");
        if (types.Count == 1) result["type"] = types[0];
        else if (types.Count > 1) result["type"] = new JsonArray(types.Select(t => (JsonNode?)t).ToArray());

        // Structural schemas prune unknown fields; kubectl's strict validation rejects them.
        if (type == "object" && !preserveUnknown && result["properties"] is not null && result["additionalProperties"] is null)
            result["additionalProperties"] = false;
        return result;
    }
}
