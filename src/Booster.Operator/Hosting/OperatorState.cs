using Booster.Operator.Reconciliation;

namespace Booster.Operator.Hosting;

/// <summary>What /readyz and the tests read: whether this instance leads, whether its caches are loaded, what it last reconciled.</summary>
public sealed class OperatorState
{
    private volatile bool leading;
    private volatile bool cachesSynced;

    public bool Leading
    {
        get => leading;
        set => leading = value;
    }

    public bool CachesSynced
    {
        get => cachesSynced;
        set => cachesSynced = value;
    }

    /// <summary>The last reconcile of each BoosterRuntime and what it read (kept across leadership terms).</summary>
    public ReconcileLog Reconciles { get; } = new();

    /// <summary>A standby instance is ready (it serves probes and waits for the lease); a leader once its caches are loaded.</summary>
    public bool Ready => !leading || cachesSynced;
}
