using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// Checks of <c>spec.env</c>. A variable the operator derives from the spec is rejected
/// rather than silently overriding (or being overridden by) the spec field that sets it.
/// </summary>
internal static class EnvValidation
{
    public static void Validate(IList<V1EnvVar>? env, FieldErrorList errors)
    {
        if (env is null) return;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < env.Count; i++)
        {
            var path = $"spec.env[{i}].name";
            var name = env[i].Name;
            if (string.IsNullOrEmpty(name)) errors.Add(path, "required");
            else if (RuntimeEnvBuilder.SpecFieldOf.TryGetValue(name, out var field) || CapabilitiesEnv.SpecFieldOf.TryGetValue(name, out field))
                errors.Add(path, field.StartsWith("spec.", StringComparison.Ordinal)
                    ? $"{name} is derived from {field}; set it there"
                    : $"{name} is set by {field}");
            else if (!seen.TryAdd(name, i))
                errors.Add(path, $"{name} is already set by spec.env[{seen[name]}]");
        }
    }
}
