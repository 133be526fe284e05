namespace Booster.Runtime.Execution;

/// <summary>
/// Bounds executions in flight (BOOSTER_POOL_MAX) and the requests waiting for a slot
/// (BOOSTER_QUEUE_MAX, each at most BOOSTER_QUEUE_TIMEOUT_MS). A request that cannot wait
/// is refused at once instead of piling up memory and maps.
/// </summary>
internal sealed class ExecutionGate(int poolMax, int queueMax, TimeSpan queueTimeout)
{
    private readonly SemaphoreSlim _slots = new(poolMax, poolMax);
    private int _waiting;

    public int PoolMax => poolMax;
    public int InFlight => poolMax - _slots.CurrentCount;
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Waits for a slot. Returns a lease to dispose when the execution ends, or the reason the
    /// request was refused. Throws <see cref="OperationCanceledException"/> when the caller gives up.
    /// </summary>
    public async ValueTask<(Lease? Lease, GateRefusal Refusal)> EnterAsync(CancellationToken cancellation)
    {
        if (_slots.Wait(0)) return (new Lease(_slots), GateRefusal.None);

        if (Interlocked.Increment(ref _waiting) > queueMax)
        {
            Interlocked.Decrement(ref _waiting);
            return (null, GateRefusal.QueueFull);
        }
        try
        {
            return await _slots.WaitAsync(queueTimeout, cancellation)
                ? (new Lease(_slots), GateRefusal.None)
                : (null, GateRefusal.QueueTimeout);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>A held slot; disposing it frees the slot exactly once.</summary>
    public sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}

internal enum GateRefusal
{
    None,
    QueueFull,
    QueueTimeout,
}
