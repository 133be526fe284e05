using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Structural-schema defaulting, as the API server applies a CRD's <c>default</c> values on
/// every write: a missing field whose schema has a default gets it, then defaulting continues
/// inside every object present (so <c>spec: {}</c> fills <c>spec.pool</c>, then its fields).
/// </summary>
internal static class SchemaDefaults
{
    public static void Apply(JsonObject? schema, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj when (schema?["properties"]) is JsonObject properties:
                foreach (var (name, property) in properties)
                {
                    if (property is not JsonObject propertySchema) continue;
                    if (obj[name] is null && propertySchema["default"] is { } defaultValue) obj[name] = defaultValue.DeepClone();
                    Apply(propertySchema, obj[name]);
                }
                break;
            case JsonObject obj when (schema?["additionalProperties"]) is JsonObject valueSchema:
                foreach (var (_, item) in obj) Apply(valueSchema, item);
                break;
            case JsonArray array when (schema?["items"]) is JsonObject itemSchema:
                foreach (var item in array) Apply(itemSchema, item);
                break;
        }
    }
}
