using Prometheus;

namespace Booster.Runtime.DataImports;

/// <summary>Calls per import function and outcome, and how long they took.</summary>
internal sealed class DataImportMetrics
{
    private readonly Counter _calls;
    private readonly Histogram _duration;

    public DataImportMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _calls = factory.CreateCounter("booster_data_import_calls_total",
            "Guest data import calls by function (redis_get, pg_query, …) and outcome (ok, not_found, buffer_too_small, bad_input, error, unavailable, disabled, timeout).",
            ["function", "outcome"]);
        _duration = factory.CreateHistogram("booster_data_import_call_duration_seconds",
            "Wall-clock time of one data import call, pool wait included.", ["function", "outcome"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00005, 2, 18) });
    }

    public void Observe(string function, ImportOutcome outcome, TimeSpan duration)
    {
        var label = outcome.Label();
        _calls.WithLabels(function, label).Inc();
        _duration.WithLabels(function, label).Observe(duration.TotalSeconds);
    }
}
