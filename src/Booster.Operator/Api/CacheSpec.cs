using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// The volume that holds each pod's compiled-code cache (BOOSTER_CACHE_PATH), so a restarted
/// container reads its modules' machine code instead of compiling it: an emptyDir of
/// <see cref="SizeLimit"/> by default, or a claim that outlives the pods.
/// </summary>
internal sealed class CacheSpec
{
    public const string DefaultSizeLimit = "2Gi";

    /// <summary>
    /// Size of the emptyDir, and the bound on what the runtime writes (BOOSTER_CACHE_MAX_BYTES is
    /// nine tenths of it, so the kubelet never evicts the pod for a full emptyDir).
    /// </summary>
    [JsonPropertyName("sizeLimit")]
    public ByteQuantity SizeLimit { get; set; } = DefaultSizeLimit;

    /// <summary>A claim to keep the cache in instead of an emptyDir; it survives pod replacement.</summary>
    [JsonPropertyName("persistentVolumeClaim")]
    public CacheVolumeClaim? PersistentVolumeClaim { get; set; }
}
