using System.Text.Json.Nodes;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Where an object in the cluster no longer matches what the operator applies. Only the fields
/// the operator applies are compared: the API server and other controllers add fields of their
/// own (defaults, clusterIP, status, a sidecar container, an env variable of their own), and
/// those are not drift. Lists whose items Kubernetes merges by key (containers, env, volumes,
/// ports, …) are compared item by key, so items others add are not drift either; every other
/// list is one value and must match as a whole. Pure.
/// </summary>
internal static class Drift
{
    /// <summary>The key fields of the keyed lists of the objects the operator applies, as in Kubernetes' schemas.</summary>
    private static readonly Dictionary<string, string[]> KeyedLists = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["ownerReferences"] = ["uid"],
    };

    /// <summary>The paths (like <c>spec.replicas</c>) where <paramref name="actual"/> departs from <paramref name="desired"/>.</summary>
    public static IReadOnlyList<string> Find(JsonNode? desired, JsonNode? actual)
    {
        var paths = new List<string>();
        Compare(desired, actual, "", "", paths);
        return paths;
    }

    private static void Compare(JsonNode? desired, JsonNode? actual, string field, string path, List<string> paths)
    {
        switch (desired)
        {
            case null:
                return;
            case JsonObject wanted:
                if (actual is not JsonObject have)
                {
                    if (wanted.Count > 0 || actual is not null) paths.Add(Root(path));
                    return;
                }
                foreach (var (key, value) in wanted) Compare(value, have[key], key, path.Length == 0 ? key : $"{path}.{key}", paths);
                return;
            case JsonArray wantedItems when actual is JsonArray haveItems && KeyOf(field, wantedItems) is { } key:
                foreach (var item in wantedItems.OfType<JsonObject>())
                {
                    var id = Id(key, item);
                    var match = haveItems.OfType<JsonObject>().FirstOrDefault(i => Id(key, i) == id);
                    if (match is null) paths.Add($"{path}[{id}]");
                    else Compare(item, match, "", $"{path}[{id}]", paths);
                }
                return;
            case JsonArray wantedItems:
                if (actual is not JsonArray atomic || atomic.Count != wantedItems.Count)
                {
                    paths.Add(Root(path));
                    return;
                }
                for (var i = 0; i < wantedItems.Count; i++) Compare(wantedItems[i], atomic[i], "", $"{path}[{i}]", paths);
                return;
            default:
                if (!JsonNode.DeepEquals(desired, actual)) paths.Add(Root(path));
                return;
        }
    }

    private static string[]? KeyOf(string field, JsonArray items) =>
        KeyedLists.TryGetValue(field, out var key) ? key
        : field != "ports" ? null
        : items.Any(i => i?["containerPort"] is not null) ? ["containerPort", "protocol"] : ["port", "protocol"];

    /// <summary>An item's key as text; a port's protocol defaults to TCP, as the API server fills it in.</summary>
    private static string Id(string[] key, JsonObject item) =>
        string.Join(",", key.Select(k => (k, Value: item[k]?.ToJsonString().Trim('"') ?? (k == "protocol" ? "TCP" : null)))
            .Where(p => p.Value is not null).Select(p => $"{p.k}={p.Value}"));

    private static string Root(string path) => path.Length == 0 ? "(object)" : path;
}
