using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Rendering;

namespace Booster.Operator.Tests.Support;

/// <summary>BoosterRuntimes for tests, read through the same path as render's input.</summary>
internal static class Runtimes
{
    public const string Name = "demo";
    public const string Namespace = "wasm";
    public const string Uid = "3f1c2a7e-0000-4000-8000-000000000001";

    /// <summary>A runtime whose spec is the given YAML (empty: every default).</summary>
    public static BoosterRuntime FromSpecYaml(string specYaml = "") => FromJson(Document(specYaml));

    /// <summary>The document of such a runtime, for tests that edit it by field path.</summary>
    public static JsonObject Document(string specYaml = "")
    {
        var spec = string.IsNullOrWhiteSpace(specYaml) ? new JsonObject() : YamlDocuments.Parse(specYaml).Single().AsObject();
        return new JsonObject
        {
            ["apiVersion"] = BoosterRuntime.GroupVersion,
            ["kind"] = BoosterRuntime.KindName,
            ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace, ["uid"] = Uid },
            ["spec"] = spec,
        };
    }

    public static BoosterRuntime FromJson(JsonNode document)
    {
        var (runtime, errors) = BoosterRuntimeReader.Read(document);
        return runtime ?? throw new InvalidOperationException($"test document does not read: {string.Join("; ", errors)}");
    }

    /// <summary>Sets <paramref name="path"/> (like <c>spec.pool.maxConcurrency</c>) in a copy of the document.</summary>
    public static JsonObject With(JsonObject document, string path, JsonNode? value)
    {
        var copy = document.DeepClone().AsObject();
        var segments = path.Split('.');
        var parent = copy;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child) parent[segment] = child = new JsonObject();
            parent = child;
        }
        parent[segments[^1]] = value;
        return copy;
    }

    /// <summary>The BoosterRuntimes of a sample file.</summary>
    public static IReadOnlyList<BoosterRuntime> FromSample(string file) =>
        YamlDocuments.Parse(File.ReadAllText(file)).Where(BoosterRuntimeReader.IsBoosterRuntime).Select(FromJson).ToList();
}
