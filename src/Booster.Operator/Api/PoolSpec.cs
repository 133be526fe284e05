using System.Text.Json.Serialization;
using Booster.Contract;

namespace Booster.Operator.Api;

/// <summary>Concurrency of one runtime pod (<c>BOOSTER_POOL_MAX</c>, <c>BOOSTER_QUEUE_*</c>).</summary>
internal sealed class PoolSpec
{
    /// <summary>Executions in flight at once per pod (<c>BOOSTER_POOL_MAX</c>).</summary>
    [JsonPropertyName("maxConcurrency")]
    public int MaxConcurrency { get; set; } = RuntimeSettings.Defaults.PoolMax;

    /// <summary>Requests allowed to wait for a slot; beyond it 503 (<c>BOOSTER_QUEUE_MAX</c>).</summary>
    [JsonPropertyName("queueLimit")]
    public int QueueLimit { get; set; } = RuntimeSettings.Defaults.QueueMax;

    /// <summary>Longest wait for a slot in milliseconds (<c>BOOSTER_QUEUE_TIMEOUT_MS</c>).</summary>
    [JsonPropertyName("queueTimeoutMs")]
    public int QueueTimeoutMs { get; set; } = RuntimeSettings.Defaults.QueueTimeoutMs;
}
