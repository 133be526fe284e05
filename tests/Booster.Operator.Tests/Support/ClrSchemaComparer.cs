using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// Walks a C# type and a schema side by side, by JSON property name, and lists every
/// difference: a property on one side only, or a JSON type that does not match.
/// </summary>
internal static class ClrSchemaComparer
{
    public static IReadOnlyList<string> Differences(Type type, JsonObject schema, string path)
    {
        var differences = new List<string>();
        CompareObject(type, schema, path, differences);
        return differences;
    }

    /// <summary>Properties as JSON names them.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> JsonProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
        .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);

    private static void CompareObject(Type type, JsonObject schema, string path, List<string> differences)
    {
        if (IsTrue(schema, "x-kubernetes-preserve-unknown-fields")) return;
        var prefix = path.Length == 0 ? "" : path + ".";
        var properties = JsonProperties(type);
        var schemaProperties = schema["properties"]?.AsObject() ?? [];
        foreach (var name in properties.Keys.Except(schemaProperties.Select(p => p.Key)))
            differences.Add($"{prefix}{name}: in C# {type.Name} but not in the schema");
        foreach (var (name, _) in schemaProperties.Where(p => !properties.ContainsKey(p.Key)))
            differences.Add($"{prefix}{name}: in the schema but not in C# {type.Name}");
        foreach (var (name, child) in schemaProperties.Where(p => properties.ContainsKey(p.Key)))
            CompareValue(properties[name].PropertyType, child!.AsObject(), prefix + name, differences);
    }

    private static void CompareValue(Type type, JsonObject schema, string path, List<string> differences)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var expected = JsonTypeOf(type);
        var actual = IsTrue(schema, "x-kubernetes-int-or-string") ? "int-or-string" : (string?)schema["type"];
        if (expected != actual)
        {
            differences.Add($"{path}: schema type {actual ?? "(none)"}, but C# {type.Name} is {expected}");
            return;
        }
        if (DictionaryValueType(type) is { } valueType)
            CompareValue(valueType, schema["additionalProperties"]!.AsObject(), $"{path}[*]", differences);
        else if (ListItemType(type) is { } itemType)
            CompareValue(itemType, schema["items"]!.AsObject(), $"{path}[]", differences);
        else if (expected == "object" && type != typeof(V1ObjectMeta))
            CompareObject(type, schema, path, differences);
    }

    private static string JsonTypeOf(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(DateTime) => "string",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(ByteQuantity) || type == typeof(ResourceQuantity) || type == typeof(IntOrString) => "int-or-string",
        _ when ListItemType(type) is not null => "array",
        _ => "object",
    };

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>) ? type.GetGenericArguments()[0] : null;

    private static bool IsTrue(JsonObject schema, string key) => schema[key] is JsonValue value && value.GetValue<bool>();
}
