using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>The Prometheus that concurrency autoscaling reads the runtimes' gauges from.</summary>
internal sealed class PrometheusSpec
{
    /// <summary>Its HTTP address as KEDA reaches it, e.g. <c>http://prometheus-operated.monitoring.svc:9090</c>.</summary>
    [JsonPropertyName("serverAddress")]
    public string? ServerAddress { get; set; }
}
