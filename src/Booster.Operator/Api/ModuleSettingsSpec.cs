using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// One module's own settings (an item of <c>spec.modules.settings</c>, keyed by <see cref="Name"/>).
/// The operator renders them into the runtime's booster.yaml; every limit may only lower the pool's.
/// </summary>
internal sealed class ModuleSettingsSpec
{
    /// <summary>The module's name: its file stem (hello for hello.wasm).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Wall-clock limit of its runs in milliseconds, at most <c>spec.limits.timeoutMs</c>.</summary>
    [JsonPropertyName("timeoutMs")]
    public int? TimeoutMs { get; set; }

    /// <summary>Linear-memory limit of one of its runs, at most <c>spec.limits.maxMemoryBytes</c>.</summary>
    [JsonPropertyName("maxMemory")]
    public ByteQuantity? MaxMemory { get; set; }

    /// <summary>Cap on its captured stdout and on stderr, each, at most <c>spec.limits.maxOutputBytes</c>.</summary>
    [JsonPropertyName("maxOutput")]
    public ByteQuantity? MaxOutput { get; set; }

    /// <summary>Most of the pool's slots its runs may hold at once, at most <c>spec.pool.maxConcurrency</c>.</summary>
    [JsonPropertyName("maxConcurrency")]
    public int? MaxConcurrency { get; set; }

    /// <summary>Environment given to each of its runs; a request cannot override these names.</summary>
    [JsonPropertyName("env")]
    public IDictionary<string, string>? Env { get; set; }

    /// <summary>Read-only folders the guest sees, each from a ConfigMap or a Secret.</summary>
    [JsonPropertyName("files")]
    public IList<ModuleFilesSpec>? Files { get; set; }

    /// <summary>Its grants of the data imports; a module not named keeps the pool's.</summary>
    [JsonPropertyName("dataImports")]
    public ModuleDataImportsSpec? DataImports { get; set; }
}
