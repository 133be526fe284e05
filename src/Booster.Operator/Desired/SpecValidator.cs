using System.Text.RegularExpressions;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>
/// Checks a BoosterRuntime beyond what the CRD schema can (and repeats what the schema
/// checks, because <c>render</c> never passes the API server). Every problem is returned,
/// each with its field path; the loop reports them as <c>Degraded=True, reason=InvalidSpec</c>.
/// </summary>
internal static partial class SpecValidator
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
        ModuleSettingsValidation.Validate(spec, errors);
        CacheValidation.Validate(spec.Cache, errors);
        errors.InRange("spec.node.maxMapCount", spec.Node.MaxMapCount);
        CapabilitiesValidation.Validate(spec.Capabilities, errors);
        EnvValidation.Validate(spec.Env, errors);
        errors.OneOf("spec.service.type", spec.Service.Type, ServiceSpec.Types);
        errors.InRange("spec.service.port", spec.Service.Port);
        PodValidation.Validate(spec.Pod, errors);
        ValidateAutoscaling(spec, errors);
        AccessValidation.Validate(spec.Access, errors);
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
        errors.OneOf("spec.autoscaling.metric", autoscaling.Metric, AutoscalingSpec.Metrics);
        if (autoscaling.MinReplicas == 0) errors.Add("spec.autoscaling.minReplicas", ScaleToZeroRefusal);
        else errors.InRange("spec.autoscaling.minReplicas", autoscaling.MinReplicas);
        errors.InRange("spec.autoscaling.targetCPUUtilizationPercentage", autoscaling.TargetCPUUtilizationPercentage);
        errors.InRange("spec.autoscaling.targetUtilizationPercentage", autoscaling.TargetUtilizationPercentage);
        errors.InRange("spec.autoscaling.scaleDownStabilizationSeconds", autoscaling.ScaleDownStabilizationSeconds);
        if (autoscaling.MaxReplicas is not { } max) errors.Add("spec.autoscaling.maxReplicas", "required");
        else
        {
            errors.InRange("spec.autoscaling.maxReplicas", max);
            if (max < autoscaling.MinReplicas)
                errors.Add("spec.autoscaling.maxReplicas", $"{max} is below spec.autoscaling.minReplicas ({autoscaling.MinReplicas})");
        }
        // A container's request defaults to its limit, so limits.cpu alone gives the HPA its measure.
        if (autoscaling.Metric == AutoscalingSpec.Cpu && spec.Resources?.Requests?.ContainsKey("cpu") != true && spec.Resources?.Limits?.ContainsKey("cpu") != true)
            errors.Add("spec.resources.requests.cpu", "required (or limits.cpu, which the request defaults to) when spec.autoscaling.metric is cpu: the HPA measures CPU utilisation against it");
        if (autoscaling.Prometheus?.ServerAddress is { } address
            && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            errors.Add("spec.autoscaling.prometheus.serverAddress", $"'{address}' is not an http or https URL");
    }

    /// <summary>Why a pool cannot scale to zero: no request could wake it, so the first ones would be dropped.</summary>
    public const string ScaleToZeroRefusal =
        "0 is not offered: at zero pods no runtime reports in-flight or queued executions and no CPU is used, so nothing " +
        "would wake the pool and the first requests would fail; keep at least 1 (KEDA's HTTP add-on, which can hold requests " +
        "while a pod starts, is beta and not supported yet)";

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035Label();
}
