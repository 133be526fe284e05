using System.Text.Json.Nodes;
using Booster.Operator.Rendering;

namespace Booster.Operator.Tests.Support;

/// <summary>The CRD file, parsed once.</summary>
internal static class Crd
{
    public static JsonObject Document { get; } = YamlDocuments.Parse(File.ReadAllText(RepositoryPaths.Crd)).Single().AsObject();

    public static JsonObject Version => Document["spec"]!["versions"]!.AsArray().Single()!.AsObject();

    public static JsonObject Schema => Version["schema"]!["openAPIV3Schema"]!.AsObject();

    /// <summary>The schema of a field path such as <c>spec.pool</c>; <c>[]</c> after a segment means its items.</summary>
    public static JsonObject At(string path) =>
        path.Split('.').Aggregate(Schema, (node, segment) => segment.EndsWith("[]", StringComparison.Ordinal)
            ? node["properties"]![segment[..^2]]!["items"]!.AsObject()
            : node["properties"]![segment]!.AsObject());

    /// <summary>Every property schema under <c>spec</c>, with its path (array items add no segment).</summary>
    public static IEnumerable<(string Path, JsonObject Schema)> SpecFields() => Fields("spec", At("spec"));

    private static IEnumerable<(string, JsonObject)> Fields(string path, JsonObject schema)
    {
        if (schema["items"] is JsonObject items) schema = items;
        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            var childPath = $"{path}.{name}";
            yield return (childPath, child!.AsObject());
            foreach (var nested in Fields(childPath, child.AsObject())) yield return nested;
        }
    }
}
