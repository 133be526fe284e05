using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A module's PostgreSQL: denied, or granted, optionally with its own connection (its own role).</summary>
internal sealed class ModulePostgresGrant
{
    /// <summary>False denies the import (its calls answer their error codes, nothing is sent); null or true grants it.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    /// <summary>The Secret key holding the module's own PostgreSQL URL; the pool's when unset.</summary>
    [JsonPropertyName("urlSecretRef")]
    public SecretKeyReference? UrlSecretRef { get; set; }
}
