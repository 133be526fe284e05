using System.Diagnostics;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Native;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Observability;
using Wasmtime;

namespace Booster.Runtime.DataImports;

/// <summary>
/// What every data import call shares: the guest's memory and the time left before the
/// execution's deadline, a span (when tracing is on), and the metrics of its outcome.
/// </summary>
internal sealed class ImportCalls(DataImportMetrics metrics, string dbSystem, string? serverAddress)
{
    private static readonly ActivitySource Source = new(ExecutionTracing.SourceName);

    /// <summary>
    /// The facts a call works with; <paramref name="Memory"/>: the guest's, null when it exports
    /// none; <paramref name="Grant"/>: the module's backends (null: the runtime's).
    /// </summary>
    public readonly record struct Context(GuestMemory? Memory, TimeSpan Remaining, bool InExecution, DataImportGrant? Grant);

    public int Run(Caller caller, string function, Func<Context, ImportResult> body)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = Source.StartActivity("booster.data_import." + function, ActivityKind.Client);
        activity?.SetTag("db.system", dbSystem);
        activity?.SetTag("booster.import.function", function);
        if (serverAddress is not null) activity?.SetTag("server.address", serverAddress);

        // Outside an execution (a start function run while a module loads) there is no deadline to bound a call by.
        var guest = caller.GetData() as GuestState;
        var context = new Context(GuestMemory.Open(caller),
            guest is null ? TimeSpan.Zero : TimeSpan.FromTicks(guest.RemainingNanoseconds / 100), guest is not null, guest?.DataImports);
        ImportResult result;
        try
        {
            result = body(context);
        }
        catch (DeadlineReachedException)
        {
            Finish(ImportOutcome.Timeout);
            throw;
        }
        Finish(result.Outcome);
        return result.Code;

        void Finish(ImportOutcome outcome)
        {
            metrics.Observe(function, outcome, Stopwatch.GetElapsedTime(started));
            if (activity is null) return;
            activity.SetTag("booster.import.outcome", outcome.Label());
            if (outcome is ImportOutcome.Error or ImportOutcome.Unavailable or ImportOutcome.Timeout)
                activity.SetStatus(ActivityStatusCode.Error, outcome.Label());
        }
    }

    /// <summary>
    /// Sends one request to <paramref name="backend"/> within the deadline and turns its answer
    /// into a result; any failure is <paramref name="errorCode"/>. Without a backend (no URL) or
    /// outside an execution, nothing is sent. The deadline itself ends the execution as a timeout.
    /// </summary>
    public static ImportResult Send<T>(IDataBackend? backend, Context call, int errorCode,
        Func<CancellationToken, Task<T>> request, Func<T, ImportResult> answer)
    {
        if (backend is null || !call.InExecution) return new(errorCode, ImportOutcome.Disabled);
        T reply;
        try
        {
            reply = DeadlineWait.Run(call.Remaining, request);
        }
        catch (Exception e) when (e is not DeadlineReachedException)
        {
            if (backend.IsUnavailable(e))
            {
                backend.Health.Failed(e);
                backend.OnUnavailable();
                return new(errorCode, ImportOutcome.Unavailable);
            }
            backend.Health.Succeeded();
            return new(errorCode, ImportOutcome.Error);
        }
        backend.Health.Succeeded();
        return answer(reply);
    }
}
