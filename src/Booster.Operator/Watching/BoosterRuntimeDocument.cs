using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Booster.Operator.Api;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>
/// A BoosterRuntime as the API server holds it: typed metadata, everything else kept as JSON.
/// The watch and the cache use this form so that an object whose spec does not read as a
/// <see cref="BoosterRuntime"/> (a wrong type, an unknown field) still reaches the loop, which
/// reports it in status instead of dropping it.
/// </summary>
public sealed class BoosterRuntimeDocument : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = BoosterRuntime.GroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = BoosterRuntime.KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>spec, status and anything else the server sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Rest { get; set; } = [];

    /// <summary>The whole object as JSON, for <see cref="Rendering.BoosterRuntimeReader"/>.</summary>
    public JsonObject ToJson() => JsonNode.Parse(KubernetesJson.Serialize(this))!.AsObject();
}
