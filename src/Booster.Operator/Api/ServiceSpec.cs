using System.Text.Json.Serialization;
using Booster.Contract;

namespace Booster.Operator.Api;

/// <summary>The Service in front of the runtime pods.</summary>
internal sealed class ServiceSpec
{
    public static IReadOnlyList<string> Types { get; } = ["ClusterIP", "NodePort", "LoadBalancer"];

    /// <summary>Service type: ClusterIP, NodePort or LoadBalancer.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "ClusterIP";

    /// <summary>Service port; it forwards to the pods' <c>http</c> port (2678).</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; } = RuntimeSettings.Defaults.Port;

    /// <summary>Annotations of the Service (e.g. for a cloud load balancer).</summary>
    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}
