using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Execution;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Waits for a backend call on the execution's thread, never past the execution's deadline.
/// Host functions are synchronous in Wasmtime; the call itself runs asynchronously with a
/// token that fires at the deadline, so a pool wait, a connection attempt or a statement is
/// cancelled there. A call that has not finished by then is left to finish on its own (it
/// releases its connection when it does) and the execution ends as a timeout.
/// </summary>
internal static class DeadlineWait
{
    public static T Run<T>(TimeSpan remaining, Func<CancellationToken, Task<T>> operation)
    {
        if (remaining <= TimeSpan.Zero) throw DeadlineReached();
        var deadline = new CancellationTokenSource(remaining);
        Task<T> task;
        try
        {
            task = operation(deadline.Token);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        bool finished;
        try
        {
            finished = task.Wait(remaining);
        }
        catch (AggregateException)
        {
            finished = true;
        }

        // Any failure once the deadline has fired is the deadline's doing (a cancelled statement, a cancelled pool wait).
        if (!finished || (deadline.IsCancellationRequested && !task.IsCompletedSuccessfully))
        {
            deadline.Cancel();
            task.ContinueWith(static (t, state) =>
            {
                _ = t.Exception; // observed: an abandoned call's failure is expected
                ((CancellationTokenSource)state!).Dispose();
            }, deadline, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw DeadlineReached();
        }
        deadline.Dispose();
        return task.GetAwaiter().GetResult();
    }

    public static DeadlineReachedException DeadlineReached() => new();
}

/// <summary>The trap that ends the execution as a timeout (see <see cref="FailureClassifier"/>).</summary>
internal sealed class DeadlineReachedException() : TimeoutException(HostDeadlineException.Marker);
