using System.Globalization;
using Booster.Operator.Api;
using Booster.Operator.Desired.Keda;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The KEDA ScaledObject of a BoosterRuntime autoscaled on <c>concurrency</c>: a Prometheus
/// trigger on each pod's executions in flight plus queued, in percent of the pool that pod
/// actually admits (<c>booster_pool_limit</c>, which a small resource budget lowers below
/// <c>spec.pool.maxConcurrency</c>), summed over the pods and compared per pod with
/// <c>targetUtilizationPercentage</c>. KEDA creates and owns the HPA (<c>keda-hpa-NAME</c>), so
/// replicas are never fought over.
/// </summary>
internal static class ScaledObjectBuilder
{
    /// <summary>Reads of Prometheus, 15 s apart, that may fail before the fallback replicas apply.</summary>
    public const int FallbackFailureThreshold = 3;

    public const int PollingIntervalSeconds = 15;

    public static ScaledObject? Build(BoosterRuntime runtime, DesiredStateOptions options)
    {
        if (runtime.Spec.Autoscaling is not { Metric: AutoscalingSpec.Concurrency } autoscaling) return null;
        var max = autoscaling.MaxReplicas ?? autoscaling.MinReplicas;
        return new ScaledObject
        {
            Metadata = Ownership.MetadataFor(runtime),
            Spec = new ScaledObjectSpec
            {
                ScaleTargetRef = new ScaleTarget { Name = runtime.Metadata.Name },
                PollingInterval = PollingIntervalSeconds,
                MinReplicaCount = autoscaling.MinReplicas,
                MaxReplicaCount = max,
                // While Prometheus cannot be read, hold spec.replicas (the pool's nominal size),
                // within the autoscaling bounds: neither starve nor flood the cluster.
                Fallback = new ScaledObjectFallback
                {
                    FailureThreshold = FallbackFailureThreshold,
                    Replicas = Math.Clamp(runtime.Spec.Replicas, autoscaling.MinReplicas, max),
                },
                Advanced = new ScaledObjectAdvanced
                {
                    HorizontalPodAutoscalerConfig = new HorizontalPodAutoscalerConfig { Behavior = HpaBuilder.Behavior(autoscaling) },
                },
                Triggers =
                [
                    new ScaleTrigger
                    {
                        Type = "prometheus",
                        MetricType = "AverageValue",
                        Metadata = new Dictionary<string, string>
                        {
                            ["serverAddress"] = autoscaling.Prometheus?.ServerAddress ?? options.PrometheusServerAddress,
                            ["query"] = Query(runtime),
                            ["threshold"] = autoscaling.TargetUtilizationPercentage.ToString(CultureInfo.InvariantCulture),
                            // No series at all (no pod scraped, labels missing) is an error, so the
                            // fallback applies instead of a silent scale-down to minReplicas.
                            ["ignoreNullValues"] = "false",
                        },
                    },
                ],
            },
        };
    }

    /// <summary>
    /// The load of the pods in percent of what each admits, summed: per pod (in flight + queued)
    /// / booster_pool_limit × 100. Each series is first summed by pod, and a pod that reports any
    /// of the three counts: a missing in-flight or queue series counts as 0 and a missing limit as
    /// the configured pool, where <c>sum(a + b)</c> would silently leave the pod out. The labels
    /// namespace, runtime and pod are those the chart's PodMonitor gives the runtimes' series.
    /// </summary>
    public static string Query(BoosterRuntime runtime)
    {
        var selector = $"namespace=\"{runtime.Metadata.NamespaceProperty}\", runtime=\"{runtime.Metadata.Name}\"";
        string PerPod(string metric) => $"sum by (pod) ({metric}{{{selector}}})";
        var (inFlight, queued, limit) = (PerPod(InFlightMetric), PerPod(QueuedMetric), PerPod(PoolLimitMetric));
        var zero = $"0 * ({inFlight} or {queued} or {limit})";
        var pool = runtime.Spec.Pool.MaxConcurrency.ToString(CultureInfo.InvariantCulture);
        return $"100 * sum((({inFlight} or {zero}) + ({queued} or {zero})) / clamp_min({limit} or {zero} + {pool}, 1))";
    }

    public const string InFlightMetric = "booster_executions_in_flight";
    public const string QueuedMetric = "booster_queue_depth";
    public const string PoolLimitMetric = "booster_pool_limit";
}
