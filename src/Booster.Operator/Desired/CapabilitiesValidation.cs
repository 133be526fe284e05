using System.Text.RegularExpressions;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>Checks of <c>spec.capabilities</c>: each import names a Secret key and a pool size in the runtime's range.</summary>
internal static partial class CapabilitiesValidation
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
        else
        {
            errors.ObjectName($"{path}.urlSecretRef.name", secret.Name);
            if (string.IsNullOrEmpty(secret.Key)) errors.Add($"{path}.urlSecretRef.key", "required");
            else if (secret.Key.Length > 253 || !SecretKey().IsMatch(secret.Key))
                errors.Add($"{path}.urlSecretRef.key", $"'{secret.Key}' is not a valid Secret key (letters, digits, '-', '_' and '.')");
        }
        if (capability.PoolMax is { } poolMax) errors.InRange($"{path}.poolMax", poolMax);
    }

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
