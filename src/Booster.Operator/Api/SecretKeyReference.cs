using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>One key of a Secret in the same namespace.</summary>
public sealed class SecretKeyReference
{
    /// <summary>Name of the Secret.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Key in the Secret whose value is used.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }
}
