namespace Booster.Contract;

/// <summary>
/// Names of the environment variables the runtime reads. The operator writes exactly these,
/// so both programs take the names from here.
/// </summary>
public static class BoosterVariables
{
    public const string PoolMax = "BOOSTER_POOL_MAX";
    public const string QueueMax = "BOOSTER_QUEUE_MAX";
    public const string QueueTimeoutMs = "BOOSTER_QUEUE_TIMEOUT_MS";
    public const string DrainDelayMs = "BOOSTER_DRAIN_DELAY_MS";
    public const string WasmtimeTuneDefaults = "BOOSTER_WASMTIME_TUNE_DEFAULTS";
    public const string WasmtimeMemoryGuardSize = "BOOSTER_WASMTIME_MEMORY_GUARD_SIZE";
    public const string WasmtimeMemoryReservation = "BOOSTER_WASMTIME_MEMORY_RESERVATION";
    public const string WasmtimeMemoryReservationForGrowth = "BOOSTER_WASMTIME_MEMORY_RESERVATION_FOR_GROWTH";
    public const string Path = "BOOSTER_PATH";
    public const string DefaultModule = "BOOSTER_DEFAULT_MODULE";
    public const string MaxOutputBytes = "BOOSTER_MAX_OUTPUT_BYTES";
    public const string TimeoutMs = "BOOSTER_TIMEOUT_MS";
    public const string MaxMemoryBytes = "BOOSTER_MAX_MEMORY_BYTES";
    public const string MaxTableElements = "BOOSTER_MAX_TABLE_ELEMENTS";
    public const string MaxRequestBytes = "BOOSTER_MAX_REQUEST_BYTES";
    public const string Listen = "BOOSTER_LISTEN";
    public const string AuthToken = "BOOSTER_AUTH_TOKEN";
    public const string CachePath = "BOOSTER_CACHE_PATH";
    public const string CacheMaxBytes = "BOOSTER_CACHE_MAX_BYTES";
    public const string ModulesConfig = "BOOSTER_MODULES_CONFIG";
    public const string Compiler = "BOOSTER_COMPILER";

    /// <summary>Every variable, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PoolMax, QueueMax, QueueTimeoutMs, DrainDelayMs,
        WasmtimeTuneDefaults, WasmtimeMemoryGuardSize, WasmtimeMemoryReservation, WasmtimeMemoryReservationForGrowth,
        Path, DefaultModule, MaxOutputBytes, TimeoutMs, MaxMemoryBytes, MaxTableElements, MaxRequestBytes, Listen, AuthToken,
        CachePath, CacheMaxBytes, ModulesConfig, Compiler,
    ];
}
