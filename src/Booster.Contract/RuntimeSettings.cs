namespace Booster.Contract;

/// <summary>The runtime's effective configuration, as parsed from the BOOSTER_* environment.</summary>
public sealed record RuntimeSettings
{
    public int PoolMax { get; init; } = Defaults.PoolMax;
    public int QueueMax { get; init; } = Defaults.QueueMax;
    public int QueueTimeoutMs { get; init; } = Defaults.QueueTimeoutMs;
    /// <summary>After SIGTERM, how long runs are still accepted while the endpoint removal spreads.</summary>
    public int DrainDelayMs { get; init; } = Defaults.DrainDelayMs;
    public WasmtimeMemorySettings Memory { get; init; } = WasmtimeMemorySettings.Tuned;
    public string ModulePath { get; init; } = Defaults.ModulePath;
    /// <summary>Module that <c>POST /run</c> executes; null means the newest valid module.</summary>
    public string? DefaultModule { get; init; }
    public long MaxOutputBytes { get; init; } = Defaults.MaxOutputBytes;
    public int TimeoutMs { get; init; } = Defaults.TimeoutMs;
    public long MaxMemoryBytes { get; init; } = Defaults.MaxMemoryBytes;
    /// <summary>Elements one table of an execution may hold (each costs the host 8 to 16 bytes).</summary>
    public int MaxTableElements { get; init; } = Defaults.MaxTableElements;
    public long MaxRequestBytes { get; init; } = Defaults.MaxRequestBytes;
    public string Listen { get; init; } = Defaults.Listen;
    /// <summary>Bearer token that run and introspection requests must carry; null means none is asked.</summary>
    public SecretText? AuthToken { get; init; }
    /// <summary>Folder of the compiled-code cache; null means a folder under the system's temporary directory.</summary>
    public string? CachePath { get; init; }
    /// <summary>Bound on the compiled-code cache's size on disk; the least recently used entries go first.</summary>
    public long CacheMaxBytes { get; init; } = Defaults.CacheMaxBytes;
    /// <summary>Per-module settings file; null means <see cref="Defaults.ModulesConfigFileName"/> in the BOOSTER_PATH folder, when there.</summary>
    public string? ModulesConfig { get; init; }
    /// <summary>Which compilers make the modules' code; null means the default for the processor (<see cref="CompilerModes.Effective"/>).</summary>
    public CompilerMode? Compiler { get; init; }

    /// <summary>Defaults of every variable, in one place.</summary>
    public static class Defaults
    {
        public const int PoolMax = 8;
        public const int QueueMax = 4096;
        public const int QueueTimeoutMs = 30000;
        public const int DrainDelayMs = 5000;
        public const string ModulePath = "./modules";
        public const long MaxOutputBytes = 1048576;
        public const int TimeoutMs = 10000;
        public const long MaxMemoryBytes = 268435456;
        public const int MaxTableElements = 100000;
        public const long MaxRequestBytes = 4194304;
        public const string Listen = "http://0.0.0.0:2678";
        public const int Port = 2678;
        public const long CacheMaxBytes = 2L << 30;
        public const string ModulesConfigFileName = "booster.yaml";
    }
}
