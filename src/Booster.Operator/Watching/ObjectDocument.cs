using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>
/// Any Kubernetes object as the API server holds it: typed metadata, everything else kept as
/// JSON. The caches hold this form, so one list/watch path serves every kind (built-in or a
/// custom resource that may not even be installed), and nothing the server sent is lost.
/// </summary>
internal class ObjectDocument : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>spec, status and anything else the server sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Rest { get; set; } = [];

    /// <summary>The whole object as JSON.</summary>
    public JsonObject ToJson() => JsonNode.Parse(KubernetesJson.Serialize(this))!.AsObject();

    /// <summary>The object read as a KubernetesClient model (e.g. <see cref="V1Deployment"/>).</summary>
    public T As<T>() => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(this));
}
