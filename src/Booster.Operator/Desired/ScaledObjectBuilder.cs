using System.Globalization;
using Booster.Operator.Api;
using Booster.Operator.Desired.Keda;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The KEDA ScaledObject of a BoosterRuntime autoscaled on <c>concurrency</c>: a Prometheus
/// trigger on the executions in flight plus queued, summed over the pods, against
/// <c>targetUtilizationPercentage</c> of the pool per pod. KEDA creates and owns the HPA
/// (<c>keda-hpa-NAME</c>), so replicas are never fought over.
/// </summary>
public static class ScaledObjectBuilder
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
                            ["threshold"] = Threshold(runtime.Spec.Pool.MaxConcurrency, autoscaling.TargetUtilizationPercentage),
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
    /// Executions in flight plus queued, over every pod of the runtime. The labels namespace and
    /// runtime are those the chart's PodMonitor gives the runtimes' series.
    /// </summary>
    public static string Query(BoosterRuntime runtime)
    {
        var selector = $"namespace=\"{runtime.Metadata.NamespaceProperty}\", runtime=\"{runtime.Metadata.Name}\"";
        return $"sum(booster_executions_in_flight{{{selector}}} + booster_queue_depth{{{selector}}})";
    }

    /// <summary>The per-pod value to aim for: the pool times the target share, e.g. 8 × 70 % = "5.6".</summary>
    public static string Threshold(int pool, int targetPercent) =>
        Math.Round(pool * targetPercent / 100m, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
