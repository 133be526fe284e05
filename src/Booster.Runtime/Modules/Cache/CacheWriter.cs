using System.Threading.Channels;
using Wasmtime;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// Writes compiled code into the cache off the path to ready. Serializing a module, its
/// checksum and the file write cost a fifth to a quarter of what compiling it does; while the
/// first scan runs, every core is compiling, so the writes wait until the first scan is over
/// (readiness never waits for them), then run one at a time, in order, on a thread of their
/// own at low priority (<see cref="BackgroundPriority"/>). A write that fails, or never
/// happens because the process ends, costs only a compile at the next start: an entry appears
/// only by renaming a complete file, and is checked before it is used.
/// </summary>
internal sealed partial class CacheWriter
{
    private readonly CompiledCodeCache _cache;
    private readonly ILogger _logger;
    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    /// <param name="notBefore">Writes start once this completes (the first scan).</param>
    public CacheWriter(CompiledCodeCache cache, Task notBefore, ILogger logger)
    {
        _cache = cache;
        _logger = logger;
        notBefore.ContinueWith(_ => Start(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Queues the code of <paramref name="module"/> (a core module's or a component's) to be kept under <paramref name="key"/>.</summary>
    public void Write(CacheKey key, IDisposable module) => _queue.Writer.TryWrite(new Job(key, module, null));

    /// <summary>Completes once every write queued before this call is done (or has failed).</summary>
    public Task WrittenAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Job(default, null, done)) ? done.Task : _stopped.Task;
    }

    /// <summary>
    /// Takes no more writes and finishes those queued, at once even if the first scan is not
    /// over: they are what makes the next start warm. Completes when they are done.
    /// </summary>
    public Task StopAsync()
    {
        _queue.Writer.TryComplete();
        Start();
        return _stopped.Task;
    }

    private void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) return;
        new Thread(Run) { IsBackground = true, Name = "Compiled-code cache writer" }.Start();
    }

    private void Run()
    {
        BackgroundPriority.LowerCurrentThread();
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var job))
                {
                    if (job.Code is not null) Store(job.Key, job.Code);
                    job.Done?.TrySetResult();
                }
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Store(CacheKey key, IDisposable code)
    {
        try
        {
            _cache.Store(key, code);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cache logs the failures it expects; nothing here may end the process.
            LogFailed(key.Hex, e.Message);
        }
    }

    /// <param name="Code">A <see cref="Module"/> or a component's code; null for a marker that only completes <paramref name="Done"/>.</param>
    private readonly record struct Job(CacheKey Key, IDisposable? Code, TaskCompletionSource? Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compiled-code cache entry {Key} not written: {Cause}")]
    private partial void LogFailed(string key, string cause);
}
