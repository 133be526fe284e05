using System.Text.Json.Nodes;

namespace Booster.Operator.Api;

/// <summary>
/// Fields of an input document that the typed object does not keep. kubectl apply rejects
/// such fields (strict field validation), so render does too rather than drop a typo silently.
/// </summary>
internal static class UnknownFields
{
    /// <summary>Paths present in <paramref name="input"/> but absent from <paramref name="kept"/>, the object serialized back.</summary>
    public static IReadOnlyList<string> Find(JsonNode? input, JsonNode? kept)
    {
        var paths = new List<string>();
        Walk(input, kept, "", paths);
        return paths;
    }

    private static void Walk(JsonNode? input, JsonNode? kept, string path, List<string> paths)
    {
        switch (input)
        {
            case JsonObject inputObject when kept is JsonObject keptObject:
                foreach (var (key, value) in inputObject)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (value is null) continue; // nulls are pruned, as the API server prunes them
                    if (!keptObject.ContainsKey(key)) paths.Add(child);
                    else Walk(value, keptObject[key], child, paths);
                }
                break;
            case JsonArray inputArray when kept is JsonArray keptArray:
                for (var i = 0; i < Math.Min(inputArray.Count, keptArray.Count); i++)
                    Walk(inputArray[i], keptArray[i], $"{path}[{i}]", paths);
                break;
        }
    }
}
