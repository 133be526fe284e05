using Booster.Runtime.Modules.Cache;

namespace Booster.Runtime.Modules;

/// <summary>
/// Work that may wait — optimized code for modules already served on baseline code — done on
/// threads of its own at low priority (<see cref="BackgroundPriority"/>), one fewer than the
/// cores, so that a core stays free for requests. It starts once the first scan is over (ready
/// comes first); at shutdown, work not started is dropped (the next start compiles again) and
/// the work in progress is finished, since it uses the engines.
/// </summary>
internal sealed class BackgroundCompilations
{
    /// <summary>Threads: every core but one, at least one.</summary>
    public static int Threads { get; } = Math.Max(1, Environment.ProcessorCount - 1);

    private readonly Lock _lock = new();
    private readonly Queue<Action> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Action<Exception> _failed;
    private readonly Action _whenIdle;
    private TaskCompletionSource _idle = NewIdle(completed: true);
    private int _running;
    private bool _stopping;

    /// <param name="notBefore">Work starts once this completes (the first scan).</param>
    /// <param name="failed">Told of work that threw; nothing here may end the process.</param>
    /// <param name="whenIdle">Called on a worker thread each time the last pending work is done.</param>
    public BackgroundCompilations(Task notBefore, Action<Exception> failed, Action whenIdle)
    {
        _failed = failed;
        _whenIdle = whenIdle;
        notBefore.ContinueWith(_ => Start(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Work waiting or in progress.</summary>
    public int Outstanding
    {
        get
        {
            lock (_lock) return _pending.Count + _running;
        }
    }

    /// <summary>Queues work; ignored once stopping.</summary>
    public void Post(Action work)
    {
        lock (_lock)
        {
            if (_stopping) return;
            _pending.Enqueue(work);
            if (_idle.Task.IsCompleted) _idle = NewIdle(completed: false);
        }
        _signal.Release();
    }

    /// <summary>Completes when no work is waiting or in progress (at once if none is).</summary>
    public Task IdleAsync()
    {
        lock (_lock) return _idle.Task;
    }

    /// <summary>Drops the work not started; completes once the work in progress is done.</summary>
    public Task StopAsync()
    {
        lock (_lock)
        {
            _stopping = true;
            _pending.Clear();
            if (_running == 0) _idle.TrySetResult();
        }
        _signal.Release(Threads);
        return IdleAsync();
    }

    private void Start()
    {
        for (var i = 0; i < Threads; i++)
        {
            new Thread(Run) { IsBackground = true, Name = "Background compilation" }.Start();
        }
    }

    private void Run()
    {
        BackgroundPriority.LowerCurrentThread();
        while (true)
        {
            _signal.Wait();
            Action? work;
            lock (_lock)
            {
                if (_stopping) return;
                if (!_pending.TryDequeue(out work)) continue;
                _running++;
            }
            try
            {
                work();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _failed(e);
            }
            bool idle;
            lock (_lock)
            {
                _running--;
                idle = _running == 0 && _pending.Count == 0;
            }
            if (!idle) continue;
            if (!_stopping) _whenIdle();
            lock (_lock)
            {
                if (_running == 0 && _pending.Count == 0) _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) idle.SetResult();
        return idle;
    }
}
