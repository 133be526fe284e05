using System.Text.RegularExpressions;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>
/// Checks a BoosterRuntime beyond what the CRD schema can (and repeats what the schema
/// checks, because <c>render</c> never passes the API server). Every problem is returned,
/// each with its field path; the loop reports them as <c>Degraded=True, reason=InvalidSpec</c>.
/// </summary>
public static partial class SpecValidator
{
    public static IReadOnlyList<FieldError> Validate(BoosterRuntime runtime)
    {
        var errors = new FieldErrorList();
        ValidateName(runtime.Metadata.Name, errors);
        var spec = runtime.Spec;
        errors.InRange("spec.replicas", spec.Replicas);
        if (spec.Image is not null && (spec.Image.Length == 0 || spec.Image.Any(char.IsWhiteSpace)))
            errors.Add("spec.image", $"'{spec.Image}' is not an image reference");
        ValidatePool(spec.Pool, errors);
        ValidateWasmtime(spec.Wasmtime, errors);
        ValidateLimits(spec.Limits, errors);
        ModulesValidation.Validate(spec.Modules, errors);
        errors.InRange("spec.node.maxMapCount", spec.Node.MaxMapCount);
        EnvValidation.Validate(spec.Env, errors);
        errors.OneOf("spec.service.type", spec.Service.Type, ServiceSpec.Types);
        errors.InRange("spec.service.port", spec.Service.Port);
        PodValidation.Validate(spec.Pod, errors);
        ValidateAutoscaling(spec, errors);
        return errors;
    }

    /// <summary>The name also names the Service, so it must be a DNS-1035 label.</summary>
    private static void ValidateName(string? name, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(name)) errors.Add("metadata.name", "required");
        else if (name.Length > 63 || !Dns1035Label().IsMatch(name))
            errors.Add("metadata.name", $"'{name}' must be at most 63 lowercase letters, digits or '-', starting with a letter " +
                                        "and ending with a letter or digit, because it also names the Service");
    }

    private static void ValidatePool(PoolSpec pool, FieldErrorList errors)
    {
        errors.InRange("spec.pool.maxConcurrency", pool.MaxConcurrency);
        errors.InRange("spec.pool.queueLimit", pool.QueueLimit);
        errors.InRange("spec.pool.queueTimeoutMs", pool.QueueTimeoutMs);
    }

    private static void ValidateWasmtime(WasmtimeSpec wasmtime, FieldErrorList errors)
    {
        errors.Size("spec.wasmtime.memoryGuardSize", wasmtime.MemoryGuardSize);
        errors.Size("spec.wasmtime.memoryReservation", wasmtime.MemoryReservation);
        errors.Size("spec.wasmtime.memoryReservationForGrowth", wasmtime.MemoryReservationForGrowth);
    }

    private static void ValidateLimits(LimitsSpec limits, FieldErrorList errors)
    {
        errors.InRange("spec.limits.timeoutMs", limits.TimeoutMs);
        errors.Size("spec.limits.maxMemoryBytes", limits.MaxMemoryBytes);
        errors.InRange("spec.limits.maxTableElements", limits.MaxTableElements);
        errors.Size("spec.limits.maxOutputBytes", limits.MaxOutputBytes);
        errors.Size("spec.limits.maxRequestBytes", limits.MaxRequestBytes);
    }

    private static void ValidateAutoscaling(BoosterRuntimeSpec spec, FieldErrorList errors)
    {
        if (spec.Autoscaling is not { } autoscaling) return;
        errors.InRange("spec.autoscaling.minReplicas", autoscaling.MinReplicas);
        errors.InRange("spec.autoscaling.targetCPUUtilizationPercentage", autoscaling.TargetCPUUtilizationPercentage);
        if (autoscaling.MaxReplicas is not { } max) errors.Add("spec.autoscaling.maxReplicas", "required");
        else
        {
            errors.InRange("spec.autoscaling.maxReplicas", max);
            if (max < autoscaling.MinReplicas)
                errors.Add("spec.autoscaling.maxReplicas", $"{max} is below spec.autoscaling.minReplicas ({autoscaling.MinReplicas})");
        }
        if (spec.Resources?.Requests?.ContainsKey("cpu") != true)
            errors.Add("spec.resources.requests.cpu", "required when spec.autoscaling is set: the HPA measures CPU utilisation against it");
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();
}
