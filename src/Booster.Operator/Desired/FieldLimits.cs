using Booster.Contract;

namespace Booster.Operator.Desired;

/// <summary>
/// Inclusive bounds of every numeric spec field, by field path. A field that becomes a
/// BOOSTER_* variable takes the runtime parser's own range (<see cref="SettingBounds"/>), so a
/// spec that passes here never stops a pod at start-up. The CRD schema states the same bounds
/// (a test compares them).
/// </summary>
internal static class FieldLimits
{
    /// <summary>Bounds of one field; a null maximum means only the type's range.</summary>
    public sealed record Bounds(long Minimum, long? Maximum);

    /// <summary>Upper bound of a Wasmtime memory setting, as in the runtime's parser.</summary>
    public const long MaxWasmtimeBytes = SettingBounds.MaxWasmtimeMemoryBytes;

    public static IReadOnlyDictionary<string, Bounds> ByPath { get; } = new Dictionary<string, Bounds>
    {
        ["spec.replicas"] = new(0, null),
        ["spec.pool.maxConcurrency"] = From(SettingBounds.PoolMax),
        ["spec.pool.queueLimit"] = From(SettingBounds.QueueMax),
        ["spec.pool.queueTimeoutMs"] = From(SettingBounds.QueueTimeoutMs),
        ["spec.wasmtime.memoryGuardSize"] = From(SettingBounds.WasmtimeMemory),
        ["spec.wasmtime.memoryReservation"] = From(SettingBounds.WasmtimeMemory),
        ["spec.wasmtime.memoryReservationForGrowth"] = From(SettingBounds.WasmtimeMemory),
        ["spec.limits.timeoutMs"] = From(SettingBounds.TimeoutMs),
        ["spec.limits.maxMemoryBytes"] = From(SettingBounds.MaxMemoryBytes),
        ["spec.limits.maxTableElements"] = From(SettingBounds.MaxTableElements),
        ["spec.limits.maxOutputBytes"] = From(SettingBounds.MaxOutputBytes),
        ["spec.limits.maxRequestBytes"] = From(SettingBounds.MaxRequestBytes),
        ["spec.cache.sizeLimit"] = new(64L << 20, 1L << 40),
        ["spec.node.maxMapCount"] = new(65530, int.MaxValue),
        ["spec.service.port"] = new(1, 65535),
        ["spec.capabilities.redis.poolMax"] = From(DataImportVariables.PoolMax),
        ["spec.capabilities.postgres.poolMax"] = From(DataImportVariables.PoolMax),
        // A module's own limits: the runtime's ranges; the validator also keeps each within the pool's.
        ["spec.modules.settings.timeoutMs"] = From(SettingBounds.TimeoutMs),
        ["spec.modules.settings.maxMemory"] = From(SettingBounds.MaxMemoryBytes),
        ["spec.modules.settings.maxOutput"] = From(SettingBounds.MaxOutputBytes),
        ["spec.modules.settings.maxConcurrency"] = From(SettingBounds.PoolMax),
        // 0 passes the schema so that the operator can say why it is refused (SpecValidator.ScaleToZeroRefusal).
        ["spec.autoscaling.minReplicas"] = new(0, null),
        ["spec.autoscaling.maxReplicas"] = new(1, null),
        ["spec.autoscaling.targetCPUUtilizationPercentage"] = new(1, null),
        ["spec.autoscaling.targetUtilizationPercentage"] = new(1, 100),
        ["spec.autoscaling.scaleDownStabilizationSeconds"] = new(0, 3600),
    };

    private static Bounds From(SettingBounds.Range range) => new(range.Minimum, range.Maximum);

    public static Bounds For(string path) =>
        ByPath.TryGetValue(path, out var bounds) ? bounds : throw new ArgumentException($"no bounds for {path}", nameof(path));
}
