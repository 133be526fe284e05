using System.Threading.Channels;

namespace Booster.Operator.Queue;

/// <summary>
/// The controller's queue of keys (namespace/name), with client-go's workqueue semantics:
/// a key waiting in the queue is held once however often it is added; a key being processed
/// is never handed to a second worker — if it is added meanwhile it is queued again when the
/// first worker calls <see cref="Done"/>; failures delay the next attempt exponentially per key.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly object _gate = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>();
    private readonly ExponentialBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _shutdown = new();
    private int _delayed;

    public WorkQueue(ExponentialBackoff backoff, TimeProvider? time = null)
    {
        _backoff = backoff;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Keys waiting (not counting those being processed or delayed).</summary>
    public int Depth
    {
        get { lock (_gate) return _dirty.Count - _dirty.Count(_processing.Contains); }
    }

    /// <summary>True when no key is waiting, being processed or delayed.</summary>
    public bool Idle
    {
        get { lock (_gate) return _dirty.Count == 0 && _processing.Count == 0 && Volatile.Read(ref _delayed) == 0; }
    }

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key)) return;
            // A key being processed goes back in the channel when its worker is done.
            if (!_processing.Contains(key)) _ready.Writer.TryWrite(key);
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
        lock (_gate) _failures[key] = count = _failures.GetValueOrDefault(key) + 1;
        var delay = _backoff.Delay(count);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the failure count of a key that succeeded.</summary>
    public void Forget(TKey key)
    {
        lock (_gate) _failures.Remove(key);
    }

    /// <summary>The next key; the caller owns it until <see cref="Done"/>.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                // Stale entries cannot occur (Add writes once per dirty key), but a key that
                // is somehow being processed must never be handed out twice.
                if (_processing.Contains(key) || !_dirty.Contains(key)) continue;
                _dirty.Remove(key);
                _processing.Add(key);
                return key;
            }
        }
    }

    public void Done(TKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key)) _ready.Writer.TryWrite(key);
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        _ready.Writer.TryComplete();
    }

    private async Task DelayedAdd(TKey key, TimeSpan delay)
    {
        Interlocked.Increment(ref _delayed);
        try
        {
            await Task.Delay(delay, _time, _shutdown.Token).ConfigureAwait(false);
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
            Interlocked.Decrement(ref _delayed);
        }
    }
}
