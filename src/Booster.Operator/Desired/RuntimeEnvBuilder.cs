using Booster.Contract;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// Where a spec field becomes a BOOSTER_* variable. The spec maps to the runtime's own
/// <see cref="RuntimeSettings"/>, and the contract's <see cref="RuntimeEnvironment"/> writes
/// them, so names and formats are exactly those the runtime parses.
/// </summary>
internal static class RuntimeEnvBuilder
{
    /// <summary>The spec field that sets each variable, for the error that rejects it in <c>spec.env</c>.</summary>
    public static IReadOnlyDictionary<string, string> SpecFieldOf { get; } = new Dictionary<string, string>
    {
        [BoosterVariables.PoolMax] = "spec.pool.maxConcurrency",
        [BoosterVariables.QueueMax] = "spec.pool.queueLimit",
        [BoosterVariables.QueueTimeoutMs] = "spec.pool.queueTimeoutMs",
        // Not a spec field: the default, which the pod's terminationGracePeriodSeconds allows for.
        [BoosterVariables.DrainDelayMs] = "the operator (the default drain delay, which terminationGracePeriodSeconds allows for)",
        [BoosterVariables.WasmtimeTuneDefaults] = "spec.wasmtime.tuneDefaults",
        [BoosterVariables.WasmtimeMemoryGuardSize] = "spec.wasmtime.memoryGuardSize",
        [BoosterVariables.WasmtimeMemoryReservation] = "spec.wasmtime.memoryReservation",
        [BoosterVariables.WasmtimeMemoryReservationForGrowth] = "spec.wasmtime.memoryReservationForGrowth",
        [BoosterVariables.Path] = "spec.modules",
        [BoosterVariables.DefaultModule] = "spec.modules.default",
        [BoosterVariables.MaxOutputBytes] = "spec.limits.maxOutputBytes",
        [BoosterVariables.TimeoutMs] = "spec.limits.timeoutMs",
        [BoosterVariables.MaxMemoryBytes] = "spec.limits.maxMemoryBytes",
        [BoosterVariables.MaxTableElements] = "spec.limits.maxTableElements",
        [BoosterVariables.MaxRequestBytes] = "spec.limits.maxRequestBytes",
        [BoosterVariables.CachePath] = "spec.cache",
        [BoosterVariables.CacheMaxBytes] = "spec.cache.sizeLimit",
        // Not a spec field: the probes and the Service rely on the fixed port.
        [BoosterVariables.Listen] = "the operator (port 2678 is what the probes and the Service use)",
        [BoosterVariables.AuthToken] = "spec.access.tokenSecretRef",
        [BoosterVariables.ModulesConfig] = "spec.modules.settings",
        // Not a spec field: the runtime picks the compiler mode for the node's CPU.
        [BoosterVariables.Compiler] = "the runtime (its default for the node's processor)",
    };

    /// <summary>The runtime configuration a (validated) spec asks for.</summary>
    public static RuntimeSettings SettingsFor(BoosterRuntimeSpec spec, string? modulePath)
    {
        var wasmtime = spec.Wasmtime;
        return new RuntimeSettings
        {
            PoolMax = spec.Pool.MaxConcurrency,
            QueueMax = spec.Pool.QueueLimit,
            QueueTimeoutMs = spec.Pool.QueueTimeoutMs,
            Memory = WasmtimeMemorySettings.Resolve(
                wasmtime.TuneDefaults, wasmtime.MemoryGuardSize?.Bytes, wasmtime.MemoryReservation?.Bytes, wasmtime.MemoryReservationForGrowth?.Bytes),
            ModulePath = modulePath ?? RuntimeSettings.Defaults.ModulePath,
            DefaultModule = spec.Modules?.Default,
            MaxOutputBytes = (long)spec.Limits.MaxOutputBytes.Bytes,
            TimeoutMs = spec.Limits.TimeoutMs,
            MaxMemoryBytes = (long)spec.Limits.MaxMemoryBytes.Bytes,
            MaxTableElements = spec.Limits.MaxTableElements,
            MaxRequestBytes = (long)spec.Limits.MaxRequestBytes.Bytes,
            Listen = RuntimeSettings.Defaults.Listen,
            CachePath = CacheVolume.MountPath,
            CacheMaxBytes = CacheVolume.MaxBytesFor(spec.Cache.SizeLimit.Bytes),
            ModulesConfig = ModuleSettingsPod.ConfigPath(spec.Modules),
        };
    }

    /// <summary>
    /// The derived BOOSTER_* variables, the bearer token from its Secret, the data imports'
    /// (<see cref="CapabilitiesEnv"/>), the per-module settings' (<see cref="ModuleSettingsPod"/>), then the user's <c>spec.env</c> (which may not repeat them).
    /// </summary>
    public static IList<V1EnvVar> Build(BoosterRuntimeSpec spec, string? modulePath) =>
        RuntimeEnvironment.ToVariables(SettingsFor(spec, modulePath))
            .Select(variable => new V1EnvVar { Name = variable.Key, Value = variable.Value })
            .Concat(TokenVariable(spec.Access?.TokenSecretRef))
            .Concat(CapabilitiesEnv.Build(spec.Capabilities))
            .Concat(ModuleSettingsPod.Env(spec.Modules))
            .Concat(spec.Env ?? [])
            .ToList();

    /// <summary>The token stays in its Secret: the pod reads it from there, the operator never does.</summary>
    private static IEnumerable<V1EnvVar> TokenVariable(SecretKeyReference? secret)
    {
        if (secret is null) yield break;
        yield return SecretEnvVar.From(BoosterVariables.AuthToken, secret);
    }
}
