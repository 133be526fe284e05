namespace Booster.Contract;

/// <summary>
/// Inclusive range each numeric BOOSTER_* variable accepts. The runtime's parser enforces
/// them; the operator validates spec fields against the same numbers, so a spec it accepts
/// never stops a pod at start-up.
/// </summary>
public static class SettingBounds
{
    public sealed record Range(long Minimum, long Maximum);

    /// <summary>Largest Wasmtime memory setting: beyond it Wasmtime overflows or cannot map it.</summary>
    public const long MaxWasmtimeMemoryBytes = 1L << 46;

    public static readonly Range PoolMax = new(1, 65536);
    public static readonly Range QueueMax = new(0, 1_000_000);
    public static readonly Range QueueTimeoutMs = new(0, 3_600_000);
    public static readonly Range DrainDelayMs = new(0, 300_000);
    public static readonly Range WasmtimeMemory = new(0, MaxWasmtimeMemoryBytes);
    public static readonly Range TimeoutMs = new(1, 3_600_000);
    public static readonly Range MaxMemoryBytes = new(65536, 4L << 30);
    /// <summary>At most 2^24 elements: 128-256 MiB of host memory for one table.</summary>
    public static readonly Range MaxTableElements = new(1, 1 << 24);
    public static readonly Range MaxOutputBytes = new(0, 1L << 30);
    public static readonly Range MaxRequestBytes = new(1024, 1L << 30);
    public static readonly Range CacheMaxBytes = new(0, 1L << 40);
}
