using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>One key of a ConfigMap or Secret and the file it becomes (as a volume's <c>items</c>).</summary>
internal sealed class ModuleFileItem
{
    /// <summary>The key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>The file's path relative to the folder, without <c>..</c>.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
