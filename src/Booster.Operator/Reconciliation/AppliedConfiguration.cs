using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using k8s;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The body of a server-side apply for one desired object: exactly the fields the operator
/// owns, in the form the API server stores them (so that comparing with the stored object finds
/// no difference where there is none), stamped with a hash of itself. The hash makes removal
/// visible: a field the spec no longer asks for is absent from the desired object, so no
/// field-by-field comparison can see it, but the hash differs and the object is applied again.
/// Pure.
/// </summary>
internal static class AppliedConfiguration
{
    public const string HashAnnotation = "booster.dev/applied-configuration";

    /// <summary>Fields that are maps of strings (an empty value is a value there).</summary>
    private static readonly HashSet<string> StringMaps = ["labels", "annotations", "nodeSelector", "matchLabels", "selector", "data"];

    public static JsonObject Of(IKubernetesObject<V1ObjectMeta> desired)
    {
        var body = Normalized(JsonNode.Parse(KubernetesJson.Serialize(desired))!.AsObject(), field: null);
        var metadata = body["metadata"]!.AsObject();
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations.Remove(HashAnnotation);
        if (annotations.Count == 0) metadata.Remove("annotations");
        var hash = Hash(body);
        annotations[HashAnnotation] = hash;
        metadata["annotations"] = annotations;
        return body;
    }

    /// <summary>
    /// As the API server stores values: no empty strings or lists (Go's omitempty), no empty maps
    /// of strings, quantities in canonical form ("1000m" is stored as "1").
    /// </summary>
    private static JsonObject Normalized(JsonObject obj, string? field)
    {
        var result = new JsonObject();
        var isMap = field is not null && StringMaps.Contains(field);
        foreach (var (key, value) in obj)
        {
            JsonNode? normalized = value switch
            {
                null => null,
                JsonValue v when !isMap && v.TryGetValue<string>(out var text) && text.Length == 0 => null,
                JsonObject quantities when key is "requests" or "limits" => Canonical(quantities),
                JsonObject child => Normalized(child, key),
                JsonArray { Count: 0 } => null,
                JsonArray items => new JsonArray(items.Select(i => i is JsonObject o ? Normalized(o, null) : i?.DeepClone()).ToArray()),
                _ => value.DeepClone(),
            };
            if (normalized is JsonObject { Count: 0 } && StringMaps.Contains(key)) normalized = null;
            if (normalized is not null) result[key] = normalized;
        }
        return result;
    }

    private static JsonObject Canonical(JsonObject quantities) => new(quantities.Select(q => KeyValuePair.Create(q.Key,
        (JsonNode?)(q.Value is JsonValue v && v.TryGetValue<string>(out var text) ? JsonValue.Create(new ResourceQuantity(text).CanonicalizeString()) : q.Value?.DeepClone()))));

    private static string Hash(JsonNode node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ConfigHash.Canonical(node)?.ToJsonString() ?? "")))[..16];
}
