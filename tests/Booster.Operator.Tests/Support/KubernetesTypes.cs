using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// The fields one Kubernetes version knows, read from the TypeScript definitions of the npm package
/// kubernetes-types (pinned in scripts/operator-test-tools to the oldest version the chart admits):
/// an interface per API type, a property per field. A server-side apply naming a field the server's
/// schema lacks is refused whole, so what the operator applies must stay within these.
/// </summary>
internal static partial class KubernetesTypes
{
    private static string Root => Path.Combine(KubernetesValidator.ToolsDir, "node_modules", "kubernetes-types");

    /// <summary>The Kubernetes version of the installed definitions, e.g. "1.30".</summary>
    public static string Version => string.Join('.', ((string)JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "package.json")))!["version"]!).Split('.')[..2]);

    public static void SkipUnlessInstalled()
    {
        KubernetesValidator.SkipUnlessInstalled();
        if (File.Exists(Path.Combine(Root, "package.json"))) return;
        TestTools.SkipIfMissing($"kubernetes-types is not installed in {Root}; run scripts/install-npm-tools.sh operator-test-tools");
    }

    /// <summary>
    /// The paths in <paramref name="value"/> that type <paramref name="type"/> of module
    /// <paramref name="module"/> (e.g. "core/v1", "EnvVar") does not know, walking nested objects,
    /// lists and maps.
    /// </summary>
    public static IReadOnlyList<string> UnknownFields(JsonNode? value, string module, string type, string path)
    {
        var unknown = new List<string>();
        Walk(value, module, type, path, unknown);
        return unknown;
    }

    /// <summary>
    /// An object with every property a structural schema declares (lists with one item), so that
    /// <see cref="UnknownFields"/> can check what a CRD offers. Maps and preserved fields are left out.
    /// </summary>
    public static JsonNode? Skeleton(JsonNode? schema) => (string?)schema?["type"] switch
    {
        "object" when schema!["properties"] is JsonObject properties =>
            new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, Skeleton(p.Value)))),
        "array" => new JsonArray(Skeleton(schema!["items"])),
        _ => JsonValue.Create(0),
    };

    private static void Walk(JsonNode? value, string module, string typeExpression, string path, List<string> unknown)
    {
        var type = typeExpression.Trim();
        if (ArrayType().Match(type) is { Success: true } array)
        {
            if (value is JsonArray items) foreach (var item in items) Walk(item, module, array.Groups[1].Value, path + "[]", unknown);
            return;
        }
        if (MapType().Match(type) is { Success: true } map)
        {
            if (value is JsonObject entries) foreach (var (key, entry) in entries) Walk(entry, module, map.Groups[1].Value, $"{path}[{key}]", unknown);
            return;
        }
        if (value is not JsonObject obj || Interface(module, type) is not { } found) return;
        foreach (var (key, child) in obj)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!found.Properties.TryGetValue(key, out var childType)) unknown.Add(childPath);
            else Walk(child, found.Module, childType, childPath, unknown);
        }
    }

    private sealed record InterfaceType(string Module, IReadOnlyDictionary<string, string> Properties);

    private static readonly Dictionary<string, (Dictionary<string, Dictionary<string, string>> Interfaces, Dictionary<string, string> Imports)> Modules = [];

    /// <summary>An interface of <paramref name="module"/>, or of the module it imports the name from; null for scalars and aliases.</summary>
    private static InterfaceType? Interface(string module, string name)
    {
        var (interfaces, imports) = Load(module);
        if (interfaces.TryGetValue(name, out var properties)) return new InterfaceType(module, properties);
        return imports.TryGetValue(name, out var other) ? Interface(other, name) : null;
    }

    private static (Dictionary<string, Dictionary<string, string>>, Dictionary<string, string>) Load(string module)
    {
        lock (Modules)
        {
            if (Modules.TryGetValue(module, out var loaded)) return loaded;
            var text = Comment().Replace(File.ReadAllText(Path.Combine(Root, module + ".d.ts")), "");
            var interfaces = InterfaceBlock().Matches(text).ToDictionary(
                m => m.Groups["name"].Value,
                m => Property().Matches(m.Groups["body"].Value).ToDictionary(p => p.Groups["name"].Value, p => p.Groups["type"].Value));
            var imports = new Dictionary<string, string>();
            foreach (Match import in Import().Matches(text))
            {
                var target = Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, Path.GetDirectoryName(module)!, import.Groups["from"].Value))).Replace('\\', '/');
                foreach (var name in import.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) imports[name] = target;
            }
            return Modules[module] = (interfaces, imports);
        }
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"export interface (?<name>\w+)(?:<[^>]*>)?(?: extends [^{]+)? \{(?<body>.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex InterfaceBlock();

    [GeneratedRegex(@"^\s{4}(?<name>[\w$]+)\??:\s*(?<type>\{[^}]*\}|[^;]+);", RegexOptions.Multiline)]
    private static partial Regex Property();

    [GeneratedRegex(@"import \{(?<names>[^}]*)\} from ""(?<from>[^""]+)"";")]
    private static partial Regex Import();

    [GeneratedRegex(@"^Array<(.+)>$", RegexOptions.Singleline)]
    private static partial Regex ArrayType();

    [GeneratedRegex(@"^\{\s*\[\w+: string\]:\s*(.+?);?\s*\}$", RegexOptions.Singleline)]
    private static partial Regex MapType();
}
