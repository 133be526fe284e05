using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>A list response (<c>…List</c>) of any kind, read into documents.</summary>
public sealed class DocumentList<T> : IKubernetesObject<V1ListMeta>, IItems<T> where T : ObjectDocument
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
