using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The compiled-code cache of <c>spec.cache</c>: a volume, its read-write mount, and the
/// BOOSTER_CACHE_PATH / BOOSTER_CACHE_MAX_BYTES that point the runtime at it.
/// </summary>
internal sealed record CacheVolume(V1Volume Volume, V1VolumeMount Mount, string CachePath, long MaxBytes)
{
    public const string VolumeName = "compiled-code";
    public const string MountPath = "/booster/cache";

    /// <summary>The volume of a validated spec.</summary>
    public static CacheVolume For(CacheSpec cache)
    {
        var volume = cache.PersistentVolumeClaim is { } claim
            ? new V1Volume { Name = VolumeName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim.ClaimName } }
            : new V1Volume { Name = VolumeName, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(cache.SizeLimit.Text) } };
        return new CacheVolume(volume, new V1VolumeMount { Name = VolumeName, MountPath = MountPath }, MountPath, MaxBytesFor(cache.SizeLimit.Bytes));
    }

    /// <summary>
    /// The container's resources with an ephemeral-storage request of the emptyDir's size, so the
    /// scheduler places the pod where the cache fits (the emptyDir counts against the node's
    /// ephemeral storage). Left as they are for a claim, or when they name ephemeral-storage
    /// themselves (a request above their own limit would be refused).
    /// </summary>
    public V1ResourceRequirements WithStorageRequest(V1ResourceRequirements resources)
    {
        if (Volume.EmptyDir?.SizeLimit is not { } size
            || resources.Requests?.ContainsKey(EphemeralStorage) == true || resources.Limits?.ContainsKey(EphemeralStorage) == true)
            return resources;
        var requests = new Dictionary<string, ResourceQuantity>(resources.Requests ?? new Dictionary<string, ResourceQuantity>()) { [EphemeralStorage] = size };
        return new V1ResourceRequirements { Requests = requests, Limits = resources.Limits, Claims = resources.Claims };
    }

    public const string EphemeralStorage = "ephemeral-storage";

    /// <summary>
    /// What the runtime may write: nine tenths of the volume, leaving room for the entry being
    /// written (a temporary file until its rename) before eviction catches up.
    /// </summary>
    public static long MaxBytesFor(ulong sizeLimit) => (long)(sizeLimit / 10 * 9);
}
