using System.Diagnostics;

namespace Booster.Runtime.Execution;

/// <summary>
/// Admits each request: bounds executions in flight (the pool's size, decided once at start-up
/// from BOOSTER_POOL_MAX and the resources the process has) and the requests waiting for a slot
/// (BOOSTER_QUEUE_MAX, each at most BOOSTER_QUEUE_TIMEOUT_MS). A request that cannot wait
/// is refused at once instead of piling up memory and maps. A module with its own cap
/// (<c>maxConcurrency</c>) takes one of its own slots first and a pool slot after: its runs
/// beyond the cap wait in the queue without holding a pool slot, so other modules' runs pass them.
/// </summary>
internal sealed class ExecutionGate(int poolMax, int queueMax, TimeSpan queueTimeout)
{
    private readonly SemaphoreSlim _slots = new(poolMax, poolMax);
    private int _waiting;

    public int PoolMax => poolMax;
    public int InFlight => poolMax - _slots.CurrentCount;
    public int Waiting => Volatile.Read(ref _waiting);
    public TimeSpan QueueTimeout => queueTimeout;

    /// <summary>
    /// Waits for a slot. Returns a lease to dispose when the execution ends, or the reason the
    /// request was refused. Throws <see cref="OperationCanceledException"/> when the caller gives up.
    /// </summary>
    public ValueTask<(Lease? Lease, GateRefusal Refusal)> EnterAsync(CancellationToken cancellation) =>
        EnterAsync(null, queueTimeout, cancellation);

    /// <summary>
    /// Waits for one of <paramref name="moduleSlots"/> (when given), then for a pool slot, within
    /// <paramref name="wait"/> in all: the queue timeout, less what the request already waited.
    /// </summary>
    public async ValueTask<(Lease? Lease, GateRefusal Refusal)> EnterAsync(SemaphoreSlim? moduleSlots, TimeSpan wait, CancellationToken cancellation)
    {
        var holdsModuleSlot = moduleSlots is null || moduleSlots.Wait(0);
        if (holdsModuleSlot && _slots.Wait(0)) return (new Lease(_slots, moduleSlots), GateRefusal.None);

        if (Interlocked.Increment(ref _waiting) > queueMax)
        {
            Interlocked.Decrement(ref _waiting);
            if (holdsModuleSlot) moduleSlots?.Release();
            return (null, GateRefusal.QueueFull);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (!holdsModuleSlot)
            {
                if (!await moduleSlots!.WaitAsync(Positive(wait), cancellation)) return (null, GateRefusal.QueueTimeout);
                holdsModuleSlot = true;
            }
            if (await _slots.WaitAsync(Positive(wait - Stopwatch.GetElapsedTime(started)), cancellation))
            {
                holdsModuleSlot = false; // the lease holds it now
                return (new Lease(_slots, moduleSlots), GateRefusal.None);
            }
            return (null, GateRefusal.QueueTimeout);
        }
        finally
        {
            if (holdsModuleSlot) moduleSlots?.Release();
            Interlocked.Decrement(ref _waiting);
        }
    }

    private static TimeSpan Positive(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

    /// <summary>A held slot (and the module's, when it has a cap); disposing it frees them exactly once.</summary>
    public sealed class Lease(SemaphoreSlim slots, SemaphoreSlim? moduleSlots) : IDisposable
    {
        private SemaphoreSlim? _moduleSlots = moduleSlots;
        private int _released;

        /// <summary>Takes one of the module's slots too, if one is free at once (the module became known after the pool slot).</summary>
        public bool TryAddModuleSlot(SemaphoreSlim module)
        {
            if (_moduleSlots is not null) throw new InvalidOperationException("the lease already holds a module slot");
            if (!module.Wait(0)) return false;
            _moduleSlots = module;
            return true;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            _moduleSlots?.Release();
            slots.Release();
        }
    }
}

internal enum GateRefusal
{
    None,
    QueueFull,
    QueueTimeout,
}
