using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// A hash of the effective configuration, written into the pod template so that pods roll
/// exactly when it changes. The input is the pod template itself (without this annotation):
/// everything of the spec that reaches a pod is in it, after defaults and size normalisation,
/// and nothing else (replicas, the Service, the HPA, the CR's own labels) is.
/// </summary>
internal static class ConfigHash
{
    public const string Annotation = "booster.dev/config-hash";

    public static string Of(V1PodTemplateSpec template)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(template));
        var canonical = Canonical(json)?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Object keys sorted, so a hash of the text does not depend on dictionary order.</summary>
    public static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
