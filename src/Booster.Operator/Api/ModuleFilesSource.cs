using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A ConfigMap or Secret whose keys become files; with <see cref="Items"/>, only those keys, at those paths.</summary>
internal sealed class ModuleFilesSource
{
    /// <summary>Name of the ConfigMap or Secret.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The keys to project and the relative file path of each; all keys, named after themselves, when unset.</summary>
    [JsonPropertyName("items")]
    public IList<ModuleFileItem>? Items { get; set; }
}
