using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>Node tuning that Wasmtime needs under high concurrency.</summary>
internal sealed class NodeSpec
{
    public const int DefaultMaxMapCount = 262144;

    /// <summary>Run a privileged init container that raises the node's <c>vm.max_map_count</c>.</summary>
    [JsonPropertyName("tuneMaxMapCount")]
    public bool TuneMaxMapCount { get; set; } = true;

    /// <summary>The value <c>vm.max_map_count</c> is raised to; a higher value on the node is never lowered.</summary>
    [JsonPropertyName("maxMapCount")]
    public int MaxMapCount { get; set; } = DefaultMaxMapCount;
}
