using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A module's Redis: denied, or granted with a key prefix and optionally its own server.</summary>
internal sealed class ModuleRedisGrant
{
    /// <summary>False denies the import (its calls answer their error codes, nothing is sent); null or true grants it.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>Prefix the runtime puts before every key the module names.</summary>
    [JsonPropertyName("keyPrefix")]
    public string? KeyPrefix { get; set; }

    /// <summary>The Secret key holding the module's own Redis URL; the pool's when unset.</summary>
    [JsonPropertyName("urlSecretRef")]
    public SecretKeyReference? UrlSecretRef { get; set; }
}
