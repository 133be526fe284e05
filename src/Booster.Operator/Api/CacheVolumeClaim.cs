using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A PersistentVolumeClaim in the same namespace that holds the compiled-code cache.</summary>
internal sealed class CacheVolumeClaim
{
    /// <summary>Name of the claim. It is mounted read-write; with more than one replica it must be ReadWriteMany.</summary>
    [JsonPropertyName("claimName")]
    public string? ClaimName { get; set; }
}
