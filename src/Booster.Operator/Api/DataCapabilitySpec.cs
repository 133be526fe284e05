using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>One data import turned on: its URL from a Secret, and optionally its pool size.</summary>
internal sealed class DataCapabilitySpec
{
    /// <summary>The Secret key holding the URL (it carries the password, so it is never in the spec itself).</summary>
    [JsonPropertyName("urlSecretRef")]
    public SecretKeyReference? UrlSecretRef { get; set; }

    /// <summary>Connections (Redis: commands in flight) per pod; null keeps the runtime's default.</summary>
    [JsonPropertyName("poolMax")]
    public int? PoolMax { get; set; }
}
