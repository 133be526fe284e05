using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// Who may call the runtimes: on the network (a NetworkPolicy admitting <see cref="AllowFrom"/>)
/// and at the door (a bearer token the runtime itself checks).
/// </summary>
internal sealed class AccessSpec
{
    /// <summary>
    /// Callers admitted to the runtime port. Null: no NetworkPolicy, the namespace's own rules
    /// apply. An empty list admits no caller (only the metrics scrape).
    /// </summary>
    [JsonPropertyName("allowFrom")]
    public IList<AccessPeer>? AllowFrom { get; set; }

    /// <summary>A key of a Secret in the same namespace holding the bearer token (<c>BOOSTER_AUTH_TOKEN</c>).</summary>
    [JsonPropertyName("tokenSecretRef")]
    public SecretKeyReference? TokenSecretRef { get; set; }
}
