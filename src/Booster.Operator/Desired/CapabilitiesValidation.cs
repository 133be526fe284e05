using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>Checks of <c>spec.capabilities</c>: each import names a Secret key and a pool size in the runtime's range.</summary>
internal static class CapabilitiesValidation
{
    public static void Validate(CapabilitiesSpec? capabilities, FieldErrorList errors)
    {
        ValidateOne("spec.capabilities.redis", capabilities?.Redis, errors);
        ValidateOne("spec.capabilities.postgres", capabilities?.Postgres, errors);
    }

    private static void ValidateOne(string path, DataCapabilitySpec? capability, FieldErrorList errors)
    {
        if (capability is null) return;
        if (capability.UrlSecretRef is not { } secret) errors.Add($"{path}.urlSecretRef", "required");
        else errors.SecretKeyRef($"{path}.urlSecretRef", secret);
        if (capability.PoolMax is { } poolMax) errors.InRange($"{path}.poolMax", poolMax);
    }
}
