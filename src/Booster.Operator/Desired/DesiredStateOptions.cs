namespace Booster.Operator.Desired;

/// <summary>Operator-wide settings that shape the desired objects (set by the Helm chart later).</summary>
internal sealed record DesiredStateOptions
{
    /// <summary>The runtime image used when a BoosterRuntime names none. The one place it is written.</summary>
    public const string DefaultRuntimeImage = "ghcr.io/booster-dev/booster-runtime:0.1.0";

    /// <summary>
    /// Image of the init container that raises vm.max_map_count; it needs only sh and cat. It runs
    /// privileged, so it is pinned by digest (busybox 1.37.0's multi-arch index): a re-pushed tag
    /// never changes what runs with root on the node.
    /// </summary>
    public const string DefaultNodeTuningImage = "docker.io/library/busybox:1.37.0@sha256:bdf57e528e45e4433820e045b29b4597825a1c9e38353532d90a01445013f82e";

    /// <summary>
    /// The Prometheus KEDA queries for concurrency autoscaling when a BoosterRuntime names none:
    /// the Service the Prometheus Operator creates for kube-prometheus-stack in "monitoring".
    /// </summary>
    public const string DefaultPrometheusServerAddress = "http://prometheus-operated.monitoring.svc:9090";

    /// <summary>The namespace whose pods scrape the runtimes' /metrics (kube-prometheus-stack's usual one).</summary>
    public const string DefaultMetricsScrapeNamespace = "monitoring";

    public string RuntimeImage { get; init; } = DefaultRuntimeImage;

    public string PrometheusServerAddress { get; init; } = DefaultPrometheusServerAddress;

    /// <summary>A NetworkPolicy built from <c>spec.access.allowFrom</c> always admits this namespace's pods, so the scrape keeps working.</summary>
    public string MetricsScrapeNamespace { get; init; } = DefaultMetricsScrapeNamespace;

    public string NodeTuningImage { get; init; } = DefaultNodeTuningImage;

    public static DesiredStateOptions Default { get; } = new();
}
