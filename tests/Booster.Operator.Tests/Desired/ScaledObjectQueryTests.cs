using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using static Booster.Operator.Tests.Support.PromTool;

namespace Booster.Operator.Tests.Desired;

/// <summary>
/// The concurrency trigger's query, evaluated by Prometheus' own engine over series as the
/// runtimes export them: load against the pool each pod admits, and no pod left out.
/// </summary>
public class ScaledObjectQueryTests
{
    private static string Query(string spec = "autoscaling: {metric: concurrency, maxReplicas: 5}") =>
        ScaledObjectBuilder.Query(Runtimes.FromSpecYaml(spec));

    private static Sample Series(string metric, string pod, double value, string runtime = Runtimes.Name) =>
        new($"{metric}{{namespace=\"{Runtimes.Namespace}\", runtime=\"{runtime}\", pod=\"{pod}\", job=\"booster-runtime\"}}", value);

    [SkippableFact]
    public void LoadIsMeasuredAgainstThePoolEachPodAdmitsNotTheConfiguredOne()
    {
        SkipUnlessInstalled();
        // The spec asks for 8 slots, but this pod's resources admit 2: 2 in flight and 1 queued is 150 %.
        Sample[] samples =
        [
            Series(ScaledObjectBuilder.InFlightMetric, "a", 2), Series(ScaledObjectBuilder.QueuedMetric, "a", 1), Series(ScaledObjectBuilder.PoolLimitMetric, "a", 2),
        ];

        var (holds, report) = Evaluates(Query(), samples, 150);

        holds.Should().BeTrue(report);
    }

    [SkippableFact]
    public void APodMissingASeriesStillCountsAndOtherRuntimesDoNot()
    {
        SkipUnlessInstalled();
        Sample[] samples =
        [
            Series(ScaledObjectBuilder.InFlightMetric, "a", 4), Series(ScaledObjectBuilder.QueuedMetric, "a", 2), Series(ScaledObjectBuilder.PoolLimitMetric, "a", 8),
            // No queue series: 3 of 4.
            Series(ScaledObjectBuilder.InFlightMetric, "b", 3), Series(ScaledObjectBuilder.PoolLimitMetric, "b", 4),
            // Only its limit: idle, and still a pod the average is over.
            Series(ScaledObjectBuilder.PoolLimitMetric, "c", 2),
            // No limit series: the configured pool (8).
            Series(ScaledObjectBuilder.InFlightMetric, "d", 1), Series(ScaledObjectBuilder.QueuedMetric, "d", 1),
            Series(ScaledObjectBuilder.InFlightMetric, "e", 100, runtime: "other"), Series(ScaledObjectBuilder.PoolLimitMetric, "e", 1, runtime: "other"),
        ];

        // 6/8 + 3/4 + 0/2 + 2/8 = 1.75
        var (holds, report) = Evaluates(Query(), samples, 175);

        holds.Should().BeTrue(report);
        Evaluates("sum(booster_executions_in_flight{runtime=\"demo\"} + booster_queue_depth{runtime=\"demo\"})", samples, 10).Holds
            .Should().BeFalse("the plain sum leaves out pod b, which has no queue series; the harness must notice");
    }

    [SkippableFact]
    public void TheThresholdIsTheTargetPercentPerPod()
    {
        var trigger = ScaledObjectBuilder.Build(Runtimes.FromSpecYaml("pool: {maxConcurrency: 16}\nautoscaling: {metric: concurrency, maxReplicas: 5, targetUtilizationPercentage: 75}"),
            DesiredStateOptions.Default)!.Spec.Triggers.Single();

        trigger.MetricType.Should().Be("AverageValue", "KEDA divides the summed percentages by the pods");
        trigger.Metadata["threshold"].Should().Be("75");
    }
}
