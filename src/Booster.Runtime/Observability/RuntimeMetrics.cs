using Booster.Runtime.Execution;
using Prometheus;

namespace Booster.Runtime.Observability;

/// <summary>
/// The runtime's Prometheus metrics, in a registry of its own (one per server, so several
/// servers in one process, as in tests, never mix their numbers).
/// </summary>
internal sealed class RuntimeMetrics
{
    private readonly Counter _executions;
    private readonly Histogram _duration;
    private readonly Counter _rejections;
    private readonly Counter _moduleLoads;
    private readonly Counter _compilations;
    private readonly Counter _cacheLookups;
    private readonly Counter _cacheEvictions;
    private readonly Gauge _cacheBytes;
    private readonly Gauge _modulesByTier;
    private readonly Histogram _timeToOptimized;
    private readonly Counter _baselineRefused;

    /// <summary>
    /// Each module's labelled series, looked up once: finding a series by its label values takes
    /// a lock and an array per call, on every execution otherwise.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ModuleSeries> _moduleSeries = new();

    public CollectorRegistry Registry { get; }

    /// <param name="registry">The server's registry, when others (the data imports) register in it too.</param>
    public RuntimeMetrics(ExecutionGate gate, int requestedPool, int queueLimit, CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _executions = factory.CreateCounter("booster_executions_total",
            "Executions by module and outcome (completed, trap, timeout, memory_limit, resources_exhausted, internal_error).",
            ["module", "outcome"]);
        _duration = factory.CreateHistogram("booster_execution_duration_seconds",
            "Wall-clock time of one execution, from Store creation to the end of _start.", ["module"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00005, 2, 20) });
        _rejections = factory.CreateCounter("booster_rejections_total",
            "Requests refused before executing: queue_full, queue_timeout, draining, unauthorized.", ["reason"]);
        _moduleLoads = factory.CreateCounter("booster_module_loads_total",
            "Module file events: loaded, reloaded, failed (the previous version keeps serving), removed.", ["result"]);
        _compilations = factory.CreateCounter("booster_module_compilations_total",
            "Compilations of module bytes, by the tier of code made: baseline (Winch) or optimized (Cranelift, also in the background " +
            "replacing baseline code). Modules read from the compiled-code cache or shared with an identical module are not compiled.", ["tier"]);
        _modulesByTier = factory.CreateGauge("booster_modules_served",
            "Modules served now, by the tier of their code: baseline (Winch) or optimized (Cranelift).", ["tier"]);
        _timeToOptimized = factory.CreateHistogram("booster_module_time_to_optimized_seconds",
            "From a module being served on baseline code to its optimized code replacing it.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.05, 2, 14) });
        _baselineRefused = factory.CreateCounter("booster_module_baseline_refused_total",
            "Modules the baseline compiler (Winch) could not compile, compiled by the optimizing one (Cranelift) instead.");
        _cacheLookups = factory.CreateCounter("booster_code_cache_lookups_total",
            "Compiled-code cache lookups: hit, miss, invalid (an entry that did not check out; deleted and compiled again).", ["result"]);
        _cacheEvictions = factory.CreateCounter("booster_code_cache_evictions_total",
            "Compiled-code cache entries deleted to keep the cache within BOOSTER_CACHE_MAX_BYTES.");
        _cacheBytes = factory.CreateGauge("booster_code_cache_bytes", "Bytes the compiled-code cache holds on disk.");

        var inFlight = factory.CreateGauge("booster_executions_in_flight", "Executions holding a slot now.");
        var queued = factory.CreateGauge("booster_queue_depth", "Run requests waiting for a slot now.");
        factory.CreateGauge("booster_pool_limit", "Executions admitted at once: BOOSTER_POOL_MAX, lowered to what the node's resources fit.")
            .Set(gate.PoolMax);
        factory.CreateGauge("booster_pool_requested", "BOOSTER_POOL_MAX as configured.").Set(requestedPool);
        factory.CreateGauge("booster_queue_limit", "Run requests allowed to wait for a slot: BOOSTER_QUEUE_MAX.").Set(queueLimit);
        Registry.AddBeforeCollectCallback(() =>
        {
            inFlight.Set(gate.InFlight);
            queued.Set(gate.Waiting);
        });
    }

    public void Executed(string module, ExecutionResult result)
    {
        var series = _moduleSeries.GetOrAdd(module, static (name, metrics) => new ModuleSeries(metrics, name), this);
        series.Outcome(result.Outcome).Inc();
        series.Duration.Observe(result.Duration.TotalSeconds);
    }

    public void Rejected(string reason) => _rejections.WithLabels(reason).Inc();

    public void ModuleEvent(string result) => _moduleLoads.WithLabels(result).Inc();

    public void Compiled(CodeTier tier) => _compilations.WithLabels(TierLabel(tier)).Inc();

    public void ModulesServed(int baseline, int optimized)
    {
        _modulesByTier.WithLabels(TierLabel(CodeTier.Baseline)).Set(baseline);
        _modulesByTier.WithLabels(TierLabel(CodeTier.Optimized)).Set(optimized);
    }

    public void Optimized(TimeSpan sinceServed) => _timeToOptimized.Observe(sinceServed.TotalSeconds);

    public void BaselineRefused() => _baselineRefused.Inc();

    /// <summary>The <c>tier</c> label, and the <c>tier</c> field of <c>GET /modules</c>.</summary>
    public static string TierLabel(CodeTier tier) => tier == CodeTier.Baseline ? "baseline" : "optimized";

    /// <param name="result">hit, miss or invalid.</param>
    public void CacheLookup(string result) => _cacheLookups.WithLabels(result).Inc();

    public void CacheEvicted(int entries) => _cacheEvictions.Inc(entries);

    public void CacheBytes(long bytes) => _cacheBytes.Set(bytes);

    public static string OutcomeLabel(ExecutionOutcome outcome) => outcome switch
    {
        ExecutionOutcome.Completed => "completed",
        ExecutionOutcome.Trap => "trap",
        ExecutionOutcome.Timeout => "timeout",
        ExecutionOutcome.MemoryLimit => "memory_limit",
        ExecutionOutcome.ResourcesExhausted => "resources_exhausted",
        _ => "internal_error",
    };

    /// <summary>One module's execution counters (by outcome) and duration histogram.</summary>
    private sealed class ModuleSeries(RuntimeMetrics metrics, string module)
    {
        private readonly Counter.Child?[] _outcomes = new Counter.Child?[Enum.GetValues<ExecutionOutcome>().Length];

        public Histogram.Child Duration { get; } = metrics._duration.WithLabels(module);

        public Counter.Child Outcome(ExecutionOutcome outcome) =>
            _outcomes[(int)outcome] ??= metrics._executions.WithLabels(module, OutcomeLabel(outcome));
    }
}
