using System.Text.Json.Serialization;
using Booster.Contract;

namespace Booster.Operator.Api;

/// <summary>Limits on one execution and on one request.</summary>
internal sealed class LimitsSpec
{
    /// <summary>Wall-clock limit of one execution in milliseconds (<c>BOOSTER_TIMEOUT_MS</c>).</summary>
    [JsonPropertyName("timeoutMs")]
    public int TimeoutMs { get; set; } = RuntimeSettings.Defaults.TimeoutMs;

    /// <summary>Linear-memory limit of one instance (<c>BOOSTER_MAX_MEMORY_BYTES</c>).</summary>
    [JsonPropertyName("maxMemoryBytes")]
    public ByteQuantity MaxMemoryBytes { get; set; } = RuntimeSettings.Defaults.MaxMemoryBytes;

    /// <summary>Elements one table of an execution may hold (<c>BOOSTER_MAX_TABLE_ELEMENTS</c>).</summary>
    [JsonPropertyName("maxTableElements")]
    public int MaxTableElements { get; set; } = RuntimeSettings.Defaults.MaxTableElements;

    /// <summary>Cap on captured stdout and on stderr, each (<c>BOOSTER_MAX_OUTPUT_BYTES</c>).</summary>
    [JsonPropertyName("maxOutputBytes")]
    public ByteQuantity MaxOutputBytes { get; set; } = RuntimeSettings.Defaults.MaxOutputBytes;

    /// <summary>Largest accepted request body (<c>BOOSTER_MAX_REQUEST_BYTES</c>).</summary>
    [JsonPropertyName("maxRequestBytes")]
    public ByteQuantity MaxRequestBytes { get; set; } = RuntimeSettings.Defaults.MaxRequestBytes;
}
