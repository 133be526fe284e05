using System.Text.Json.Nodes;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Where an object in the cluster no longer matches what the operator wants. Only the fields
/// the operator sets are compared: the API server and other controllers add fields of their
/// own (defaults, clusterIP, status), and those are not drift. Lists are compared element by
/// element and must have the same length, so an added or removed env variable is drift.
/// </summary>
public static class Drift
{
    /// <summary>The paths (like <c>spec.replicas</c>) where <paramref name="actual"/> departs from <paramref name="desired"/>.</summary>
    public static IReadOnlyList<string> Find(JsonNode? desired, JsonNode? actual)
    {
        var paths = new List<string>();
        Compare(desired, actual, "", paths);
        return paths;
    }

    private static void Compare(JsonNode? desired, JsonNode? actual, string path, List<string> paths)
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
                foreach (var (key, value) in wanted) Compare(value, have[key], path.Length == 0 ? key : $"{path}.{key}", paths);
                return;
            case JsonArray wantedItems:
                if (actual is not JsonArray haveItems)
                {
                    if (wantedItems.Count > 0 || actual is not null) paths.Add(Root(path));
                    return;
                }
                if (wantedItems.Count != haveItems.Count)
                {
                    paths.Add(path);
                    return;
                }
                for (var i = 0; i < wantedItems.Count; i++) Compare(wantedItems[i], haveItems[i], $"{path}[{i}]", paths);
                return;
            default:
                if (!JsonNode.DeepEquals(desired, actual)) paths.Add(Root(path));
                return;
        }
    }

    private static string Root(string path) => path.Length == 0 ? "(object)" : path;
}
