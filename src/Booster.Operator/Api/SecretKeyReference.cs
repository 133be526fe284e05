using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>One key of a Secret in the BoosterRuntime's namespace.</summary>
internal sealed class SecretKeyReference
{
    /// <summary>Name of the Secret.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Key within the Secret.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }
}
