using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// JSON merge patch (RFC 7386). The fixture also applies strategic merge patches this way,
/// which is right for every patch without list-merge semantics and is refused (422) for
/// patches carrying strategic directives (<c>$patch</c>, <c>$retainKeys</c>, …) rather than
/// applied wrongly.
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }
        return result;
    }

    /// <summary>The first strategic-merge directive in a patch, if any.</summary>
    public static string? StrategicDirective(JsonNode? patch) => patch switch
    {
        JsonObject obj => obj.Select(p => p.Key.StartsWith('$') ? p.Key : StrategicDirective(p.Value)).FirstOrDefault(d => d is not null),
        JsonArray array => array.Select(StrategicDirective).FirstOrDefault(d => d is not null),
        _ => null,
    };
}
