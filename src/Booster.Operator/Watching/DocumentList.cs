using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Booster.Operator.Watching;

/// <summary>A list response (<c>…List</c>) of any kind, read into documents.</summary>
internal sealed class DocumentList<T> : IKubernetesObject<V1ListMeta>, IItems<T> where T : ObjectDocument
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];

    /// <summary>
    /// The items with their apiVersion and kind. A real API server leaves both out of the items of
    /// a list of built-in kinds (watch events and GETs carry them); without them every listed
    /// object would differ from what the operator applies, and be applied again.
    /// </summary>
    public IList<T> TypedItems()
    {
        var itemKind = Kind.EndsWith("List", StringComparison.Ordinal) ? Kind[..^"List".Length] : Kind;
        foreach (var item in Items)
        {
            if (item.ApiVersion.Length == 0) item.ApiVersion = ApiVersion;
            if (item.Kind.Length == 0) item.Kind = itemKind;
        }
        return Items;
    }
}
