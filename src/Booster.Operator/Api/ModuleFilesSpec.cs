using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A read-only folder of a module: the keys of one ConfigMap or one Secret, seen by the guest at <see cref="GuestPath"/>.</summary>
internal sealed class ModuleFilesSpec
{
    /// <summary>Absolute path at which the guest sees the folder (a WASI preopen).</summary>
    [JsonPropertyName("guestPath")]
    public string? GuestPath { get; set; }

    /// <summary>A ConfigMap in the same namespace whose keys become the files.</summary>
    [JsonPropertyName("configMap")]
    public ModuleFilesSource? ConfigMap { get; set; }

    /// <summary>A Secret in the same namespace whose keys become the files.</summary>
    [JsonPropertyName("secret")]
    public ModuleFilesSource? Secret { get; set; }
}
