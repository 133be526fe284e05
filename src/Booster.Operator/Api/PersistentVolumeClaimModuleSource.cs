using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A PersistentVolumeClaim in the same namespace holding module files.</summary>
internal sealed class PersistentVolumeClaimModuleSource
{
    /// <summary>Name of the claim. It is mounted read-only, so a ReadOnlyMany claim serves every replica.</summary>
    [JsonPropertyName("claimName")]
    public string? ClaimName { get; set; }

    /// <summary>A module file or directory inside the volume, relative to its root; null means the root.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
