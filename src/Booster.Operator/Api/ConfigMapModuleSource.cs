using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A ConfigMap in the same namespace whose keys are module files.</summary>
internal sealed class ConfigMapModuleSource
{
    /// <summary>Name of the ConfigMap. Kubernetes updates the mounted files when it changes, and the runtime hot-reloads them.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
