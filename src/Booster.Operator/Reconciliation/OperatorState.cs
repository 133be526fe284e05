using Booster.Operator.Queue;
using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>What /readyz and the tests read: whether this instance leads, whether its caches are loaded, what it last reconciled.</summary>
internal sealed class OperatorState
{
    private volatile bool _leading;
    private volatile bool _cachesSynced;
    private volatile bool _failed;
    private volatile WorkQueue<ObjectKey>? _queue;
    private volatile IReadOnlyList<ICacheProgress> _caches = [];

    public bool Leading
    {
        get => _leading;
        set => _leading = value;
    }

    public bool CachesSynced
    {
        get => _cachesSynced;
        set => _cachesSynced = value;
    }

    /// <summary>The controller failed and the process stops; it exits non-zero.</summary>
    public bool Failed
    {
        get => _failed;
        set => _failed = value;
    }

    /// <summary>The last reconcile of each BoosterRuntime and what it read (kept across leadership terms).</summary>
    public ReconcileLog Reconciles { get; } = new();

    /// <summary>True when no reconcile is queued, running or waiting out its backoff in the current term.</summary>
    public bool QueueIdle => _queue?.Idle ?? true;

    /// <summary>How far each cache of the current term has seen the API server (resourceVersions); a kind not served is left out.</summary>
    public IReadOnlyList<string?> ObservedVersions => _caches.Where(c => !c.Absent).Select(c => c.ObservedVersion).ToList();

    /// <summary>A controller term starts: its queue and caches are the ones to report on.</summary>
    internal void Observe(WorkQueue<ObjectKey> termQueue, IReadOnlyList<ICacheProgress> termCaches)
    {
        _queue = termQueue;
        _caches = termCaches;
    }

    /// <summary>A standby instance is ready (it serves probes and waits for the lease); a leader once its caches are loaded.</summary>
    public bool Ready => !_leading || _cachesSynced;
}
