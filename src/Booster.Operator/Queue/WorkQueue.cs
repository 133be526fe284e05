using System.Threading.Channels;

namespace Booster.Operator.Queue;

/// <summary>
/// The controller's queue of keys (namespace/name), with client-go's workqueue semantics:
/// a key waiting in the queue is held once however often it is added; a key being processed
/// is never handed to a second worker — if it is added meanwhile it is queued again when the
/// first worker calls <see cref="Done"/>; failures delay the next attempt exponentially per key.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly object gate = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly Channel<TKey> ready = Channel.CreateUnbounded<TKey>();
    private readonly ExponentialBackoff backoff;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource shutdown = new();
    private int delayed;

    public WorkQueue(ExponentialBackoff backoff, TimeProvider? time = null)
    {
        this.backoff = backoff;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Keys waiting (not counting those being processed or delayed).</summary>
    public int Depth
    {
        get { lock (gate) return dirty.Count - dirty.Count(processing.Contains); }
    }

    /// <summary>True when no key is waiting, being processed or delayed.</summary>
    public bool Idle
    {
        get { lock (gate) return dirty.Count == 0 && processing.Count == 0 && Volatile.Read(ref delayed) == 0; }
    }

    public void Add(TKey key)
    {
        lock (gate)
        {
            if (!dirty.Add(key)) return;
            // A key being processed goes back in the channel when its worker is done.
            if (!processing.Contains(key)) ready.Writer.TryWrite(key);
        }
    }

    /// <summary>Adds the key after a delay (a timer, so no worker is held meanwhile).</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        _ = DelayedAdd(key, delay);
    }

    /// <summary>Adds the key after its backoff delay, and counts the failure.</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        int count;
        lock (gate) failures[key] = count = failures.GetValueOrDefault(key) + 1;
        var delay = backoff.Delay(count);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the failure count of a key that succeeded.</summary>
    public void Forget(TKey key)
    {
        lock (gate) failures.Remove(key);
    }

    /// <summary>The next key; the caller owns it until <see cref="Done"/>.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                // Stale entries cannot occur (Add writes once per dirty key), but a key that
                // is somehow being processed must never be handed out twice.
                if (processing.Contains(key) || !dirty.Contains(key)) continue;
                dirty.Remove(key);
                processing.Add(key);
                return key;
            }
        }
    }

    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (dirty.Contains(key)) ready.Writer.TryWrite(key);
        }
    }

    public void Dispose()
    {
        shutdown.Cancel();
        shutdown.Dispose();
        ready.Writer.TryComplete();
    }

    private async Task DelayedAdd(TKey key, TimeSpan delay)
    {
        Interlocked.Increment(ref delayed);
        try
        {
            await Task.Delay(delay, time, shutdown.Token).ConfigureAwait(false);
            Add(key);
        }
        catch (OperationCanceledException)
        {
            // The queue shut down; the key is not needed any more.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref delayed);
        }
    }
}
