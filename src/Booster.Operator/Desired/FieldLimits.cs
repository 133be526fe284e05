namespace Booster.Operator.Desired;

/// <summary>
/// Inclusive bounds of every numeric spec field, by field path. The numbers are those the
/// runtime's parser accepts for the matching BOOSTER_* variable, so a spec that passes here
/// never stops a pod at start-up. The CRD schema states the same bounds (a test compares them).
/// </summary>
public static class FieldLimits
{
    /// <summary>Bounds of one field; a null maximum means only the type's range.</summary>
    public sealed record Bounds(long Minimum, long? Maximum);

    /// <summary>Upper bound of a Wasmtime memory setting, as in the runtime's parser.</summary>
    public const long MaxWasmtimeBytes = 1L << 46;

    public static IReadOnlyDictionary<string, Bounds> ByPath { get; } = new Dictionary<string, Bounds>
    {
        ["spec.replicas"] = new(0, null),
        ["spec.pool.maxConcurrency"] = new(1, 65536),
        ["spec.pool.queueLimit"] = new(0, 1_000_000),
        ["spec.pool.queueTimeoutMs"] = new(0, 3_600_000),
        ["spec.wasmtime.memoryGuardSize"] = new(0, MaxWasmtimeBytes),
        ["spec.wasmtime.memoryReservation"] = new(0, MaxWasmtimeBytes),
        ["spec.wasmtime.memoryReservationForGrowth"] = new(0, MaxWasmtimeBytes),
        ["spec.limits.timeoutMs"] = new(1, 3_600_000),
        ["spec.limits.maxMemoryBytes"] = new(65536, 4L << 30),
        ["spec.limits.maxOutputBytes"] = new(0, 1L << 30),
        ["spec.limits.maxRequestBytes"] = new(1024, 1L << 30),
        ["spec.node.maxMapCount"] = new(65530, int.MaxValue),
        ["spec.service.port"] = new(1, 65535),
        ["spec.autoscaling.minReplicas"] = new(1, null),
        ["spec.autoscaling.maxReplicas"] = new(1, null),
        ["spec.autoscaling.targetCPUUtilizationPercentage"] = new(1, null),
    };

    public static Bounds For(string path) =>
        ByPath.TryGetValue(path, out var bounds) ? bounds : throw new ArgumentException($"no bounds for {path}", nameof(path));
}
