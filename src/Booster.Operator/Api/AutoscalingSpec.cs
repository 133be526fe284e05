using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// Horizontal autoscaling of the Deployment, on CPU utilisation (an HPA; needs
/// <c>spec.resources.requests.cpu</c>) or on concurrency (a KEDA ScaledObject reading the
/// runtimes' in-flight and queued executions from Prometheus). Either way the autoscaler, not
/// the operator, owns the Deployment's replica count.
/// </summary>
internal sealed class AutoscalingSpec
{
    public const string Cpu = "cpu";
    public const string Concurrency = "concurrency";

    /// <summary>The metrics autoscaling can follow.</summary>
    public static IReadOnlyList<string> Metrics { get; } = [Cpu, Concurrency];

    /// <summary>
    /// What to scale on. <c>cpu</c> by default: it needs nothing beyond metrics-server, which
    /// every cluster with HPAs has; <c>concurrency</c> is the better signal but needs KEDA and a
    /// Prometheus that scrapes the runtimes.
    /// </summary>
    [JsonPropertyName("metric")]
    public string Metric { get; set; } = Cpu;

    /// <summary>Fewest replicas; at least 1 (nothing could wake a pool at zero).</summary>
    [JsonPropertyName("minReplicas")]
    public int MinReplicas { get; set; } = 1;

    /// <summary>Most replicas; required.</summary>
    [JsonPropertyName("maxReplicas")]
    public int? MaxReplicas { get; set; }

    /// <summary><c>cpu</c>: average CPU utilisation, in percent of the request, that the HPA aims for.</summary>
    [JsonPropertyName("targetCPUUtilizationPercentage")]
    public int TargetCPUUtilizationPercentage { get; set; } = 80;

    /// <summary>
    /// <c>concurrency</c>: executions in flight plus queued per pod, in percent of the pool
    /// (<c>spec.pool.maxConcurrency</c>), that the autoscaler aims for. Below 100 keeps slots free
    /// for bursts while new pods start.
    /// </summary>
    [JsonPropertyName("targetUtilizationPercentage")]
    public int TargetUtilizationPercentage { get; set; } = 70;

    /// <summary>How long the load must stay lower before replicas are removed, in seconds (the HPA's scale-down stabilisation window).</summary>
    [JsonPropertyName("scaleDownStabilizationSeconds")]
    public int ScaleDownStabilizationSeconds { get; set; } = 300;

    /// <summary><c>concurrency</c>: the Prometheus that KEDA queries; null means the operator's default.</summary>
    [JsonPropertyName("prometheus")]
    public PrometheusSpec? Prometheus { get; set; }
}
