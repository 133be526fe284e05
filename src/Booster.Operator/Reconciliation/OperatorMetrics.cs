using Prometheus;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The operator's Prometheus metrics, in a registry of their own (one per host, so two hosts
/// in one process — as in the tests — do not share counters).
/// </summary>
internal sealed class OperatorMetrics
{
    private readonly Counter _reconciles;
    private readonly Histogram _duration;
    private readonly Gauge _queueDepth;
    private readonly Gauge _leader;
    private readonly Counter _watchRestarts;
    private Func<int> _depth = () => 0;

    public OperatorMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _reconciles = factory.CreateCounter("booster_operator_reconciles_total", "Reconciles of BoosterRuntimes, by result.",
            new CounterConfiguration { LabelNames = ["result"] });
        _duration = factory.CreateHistogram("booster_operator_reconcile_duration_seconds", "Time one reconcile took.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        _queueDepth = factory.CreateGauge("booster_operator_queue_depth", "Keys waiting in the work queue.");
        _leader = factory.CreateGauge("booster_operator_leader", "1 while this instance holds the lease and reconciles.");
        _watchRestarts = factory.CreateCounter("booster_operator_watch_restarts_total", "Watch streams restarted, by resource and reason (gone, closed, error).",
            new CounterConfiguration { LabelNames = ["resource", "reason"] });
        Registry.AddBeforeCollectCallback(() => _queueDepth.Set(_depth()));
    }

    public CollectorRegistry Registry { get; }

    public void Reconciled(string result, TimeSpan elapsed)
    {
        _reconciles.WithLabels(result).Inc();
        _duration.Observe(elapsed.TotalSeconds);
    }

    public double Reconciles(string result) => _reconciles.WithLabels(result).Value;

    public double TotalReconciles => Enum.GetNames<ReconcileResult>().Select(ResultLabel).Concat(["conflict", "error"]).Sum(Reconciles);

    public void WatchRestarted(string resource, string reason) => _watchRestarts.WithLabels(resource, reason).Inc();

    public double WatchRestarts(string resource, string reason) => _watchRestarts.WithLabels(resource, reason).Value;

    public void Leading(bool isLeader) => _leader.Set(isLeader ? 1 : 0);

    /// <summary>Where the queue-depth gauge reads from (the queue of the current leadership term).</summary>
    public void ObserveQueue(Func<int> queueDepthSource) => _depth = queueDepthSource;

    public static string ResultLabel(ReconcileResult result) => result switch
    {
        ReconcileResult.Success => "success",
        ReconcileResult.InvalidSpec => "invalid_spec",
        ReconcileResult.NotFound => "not_found",
        ReconcileResult.Deleting => "deleting",
        ReconcileResult.Waiting => "waiting",
        _ => result.ToString(),
    };

    public static string ResultLabel(string result) => Enum.TryParse<ReconcileResult>(result, out var parsed) ? ResultLabel(parsed) : result;
}
