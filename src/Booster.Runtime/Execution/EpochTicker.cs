using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Advances the engines' epochs at a fixed interval on a dedicated thread, so that a Store's
/// epoch deadline interrupts guest code that runs past its time limit.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public EpochTicker(IReadOnlyList<Engine> engines, TimeSpan interval)
    {
        _thread = new Thread(() =>
        {
            // WaitOne returns true once stop is requested; until then it times out every interval.
            while (!_stop.Token.WaitHandle.WaitOne(interval))
            {
                foreach (var engine in engines) engine.IncrementEpoch();
            }
        })
        {
            IsBackground = true,
            Name = "booster-epoch",
        };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
