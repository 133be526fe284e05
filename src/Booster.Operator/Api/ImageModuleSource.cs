using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// An OCI image that carries module files. An init container runs this image and copies
/// <see cref="Path"/> into an emptyDir that the runtime reads, so the image must provide a
/// <c>cp</c> command (any busybox- or distro-based image does). This works on every cluster;
/// image volumes would avoid the copy but need a recent Kubernetes with the ImageVolume
/// feature enabled.
/// </summary>
internal sealed class ImageModuleSource
{
    public const string DefaultPath = "/modules";

    /// <summary>Image reference, e.g. <c>registry.example.com/team/modules:1.2.0</c>.</summary>
    [JsonPropertyName("reference")]
    public string? Reference { get; set; }

    /// <summary>Absolute path of a module file or directory inside the image.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = DefaultPath;

    /// <summary>Pull policy of the image (Always, IfNotPresent, Never); null means Kubernetes' default.</summary>
    [JsonPropertyName("pullPolicy")]
    public string? PullPolicy { get; set; }
}
