using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>Checks of <c>spec.cache</c>.</summary>
internal static class CacheValidation
{
    public static void Validate(CacheSpec cache, FieldErrorList errors)
    {
        errors.Size("spec.cache.sizeLimit", cache.SizeLimit);
        if (cache.PersistentVolumeClaim is { } claim)
            errors.ObjectName("spec.cache.persistentVolumeClaim.claimName", claim.ClaimName);
    }
}
