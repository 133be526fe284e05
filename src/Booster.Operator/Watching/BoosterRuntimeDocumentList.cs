using System.Text.Json.Serialization;
using Booster.Operator.Api;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>A list response of BoosterRuntimes (<c>BoosterRuntimeList</c>).</summary>
public sealed class BoosterRuntimeDocumentList : IKubernetesObject<V1ListMeta>, IItems<BoosterRuntimeDocument>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = BoosterRuntime.GroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = BoosterRuntime.KindName + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<BoosterRuntimeDocument> Items { get; set; } = [];
}
