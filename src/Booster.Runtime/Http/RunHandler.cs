using System.Diagnostics;
using System.Globalization;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Http;

/// <summary>
/// One run request, start to end: check what the URL says, wait for a slot, then read and
/// check the body, pick the module, execute, answer. Every way it can end is an explicit
/// answer; nothing escapes as a 500 page.
/// </summary>
/// <remarks>
/// The body is read only once the request holds a slot: a request waiting in the queue holds
/// no more of its body than the server's read buffer (<see cref="RequestBody.WaitingBufferBytes"/>);
/// the rest stays with the client and the kernel, held back by TCP. Waiting thus costs bounded
/// memory whatever the bodies (BOOSTER_QUEUE_MAX × that buffer at most).
///
/// A module with its own cap (<c>maxConcurrency</c>) waits for its own slot before a pool
/// slot when the path names it. <c>POST /run</c> names its module in the body, known only
/// once a pool slot is held: when that module's slots are all taken, the request gives its pool
/// slot back and waits again, for the module's slot first, within what is left of the queue
/// timeout — holding its read body, counted against <see cref="RequeuedBodies"/>.
/// </remarks>
internal sealed partial class RunHandler(
    RuntimeSettings settings,
    ModuleStore modules,
    ExecutionGate gate,
    WasiExecutor executor,
    ShutdownDrain drain,
    RuntimeMetrics metrics,
    ModuleProfiles profiles,
    RequeuedBodies requeued,
    ILogger<RunHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context, string? pathModule)
    {
        var arrived = Stopwatch.GetTimestamp();
        // A module named in the path has its settings known before the wait; they hold for the whole run.
        var pathProfile = pathModule is null ? null : profiles.For(pathModule);
        var (lease, refusal) = await AdmitAsync(context, pathModule, pathProfile);
        if (lease is null)
        {
            RequestBody.CloseIfUnread(context);
            return refusal!;
        }
        var held = new HeldLease(lease);
        try
        {
            return await RunAsync(context, pathModule, pathProfile, held, arrived);
        }
        finally
        {
            held.Current?.Dispose();
        }
    }

    /// <summary>The slot a run holds; <c>POST /run</c> may give it back and wait for another.</summary>
    private sealed class HeldLease(ExecutionGate.Lease lease)
    {
        public ExecutionGate.Lease? Current { get; set; } = lease;
    }

    /// <summary>What can be decided without the body is decided before waiting; then the wait for a slot.</summary>
    private async Task<(ExecutionGate.Lease? Lease, IResult? Refusal)> AdmitAsync(HttpContext context, string? pathModule, ModuleProfile? pathProfile)
    {
        if (drain.RefusesNewRuns)
        {
            metrics.Rejected("draining");
            return (null, ApiResults.Error(context, ErrorCode.Overloaded, "the server is draining for shutdown; retry on another replica"));
        }
        if (pathModule is not null && !RuntimeSettingsParser.IsValidModuleName(pathModule))
            return (null, ApiResults.Error(context, ErrorCode.BadRequest, $"bad module name '{pathModule}': {RuntimeSettingsParser.ModuleNameForm}"));
        if (pathModule is not null && modules.Find(pathModule) is null)
            return (null, ModuleNotFound(context, pathModule));
        if (context.Request.ContentLength > settings.MaxRequestBytes) return (null, RequestBody.TooLarge(context, settings));

        return await EnterAsync(context, pathProfile?.Slots, gate.QueueTimeout);
    }

    private async Task<(ExecutionGate.Lease? Lease, IResult? Refusal)> EnterAsync(HttpContext context, ModuleSlots? slots, TimeSpan wait)
    {
        var (lease, refusal) = await gate.EnterAsync(slots?.Semaphore, wait, context.RequestAborted);
        if (lease is not null) return (lease, null);
        metrics.Rejected(refusal == GateRefusal.QueueFull ? "queue_full" : "queue_timeout");
        return (null, ApiResults.Error(context, ErrorCode.Overloaded, RefusalMessage(refusal, slots)));
    }

    /// <summary>The part that holds a slot: body, module, execution.</summary>
    private async Task<IResult> RunAsync(HttpContext context, string? pathModule, ModuleProfile? pathProfile, HeldLease held, long arrived)
    {
        long bodyBytes = 0;
        var (parsed, bodyError) = await RequestBody.ReadAsync(context, settings, body =>
        {
            bodyBytes = body.Length;
            return RunRequestParser.Parse(body, settings.TimeoutMs);
        });
        if (bodyError is not null) return bodyError;
        var (request, parseError) = parsed;
        if (request is null) return ApiResults.Error(context, ErrorCode.BadRequest, parseError!);

        if (pathModule is not null && request.Module is not null && request.Module != pathModule)
            return ApiResults.Error(context, ErrorCode.BadRequest, $"'module' in the body ('{request.Module}') differs from the path ('{pathModule}')");

        var (module, moduleError) = ResolveModule(context, pathModule ?? request.Module);
        if (module is null) return moduleError!;

        var profile = pathProfile ?? profiles.For(module.Name);
        if (request.TimeoutMs > profile.TimeoutMs)
            return ApiResults.Error(context, ErrorCode.BadRequest,
                $"'timeout_ms' must be an integer from 1 to {profile.TimeoutMs} (the timeoutMs of module '{module.Name}' in its settings)");
        if (pathProfile is null && profile.Slots is { } slots && !held.Current!.TryAddModuleSlot(slots.Semaphore))
        {
            if (await WaitForModuleSlotAsync(context, held, slots, bodyBytes, arrived) is { } refusal) return refusal;
        }

        var span = ExecutionTracing.Start(module.Name);
        var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs ?? profile.TimeoutMs);
        var execution = new ExecutionRequest(request.Args, profile.EnvironmentFor(request.Env), request.Stdin, timeout, profile.Execution);
        var result = module.Component is null ? executor.Execute(module, execution) : await ExecuteComponentAsync(module, execution, held);
        ExecutionTracing.Finish(span, result);
        metrics.Executed(module.Name, result);
        if (result.Outcome == ExecutionOutcome.InternalError)
            LogInternalError(logger, TraceId.Of(context), module.Name, result.FailureMessage);
        return Answer(context, module.Name, result);
    }

    /// <summary>
    /// How long past its deadline a component's run may go before it is answered as a timeout
    /// without waiting for it: a few epoch ticks, so that a run interrupted in wasm is answered
    /// by its own result.
    /// </summary>
    private static readonly TimeSpan HostWaitGrace = WasmEngine.EpochTick * 20;

    /// <summary>
    /// Runs a component off the request's thread. A component can wait inside Wasmtime's own WASI
    /// 0.2 (a sleep), where the deadline cannot interrupt it: such a run is answered 504 timeout
    /// soon after its deadline, and keeps its slot (the lease) until it really ends, so that
    /// admission still counts what it holds. Its late output is never sent.
    /// </summary>
    private async Task<ExecutionResult> ExecuteComponentAsync(LoadedModule module, ExecutionRequest execution, HeldLease held)
    {
        var started = Stopwatch.GetTimestamp();
        var run = Task.Run(() => executor.Execute(module, execution));
        try
        {
            return await run.WaitAsync(execution.Timeout + HostWaitGrace);
        }
        catch (TimeoutException)
        {
            var lease = held.Current;
            held.Current = null;
            _ = run.ContinueWith(_ => lease?.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return new ExecutionResult(ExecutionOutcome.Timeout, null, "", "", false, Stopwatch.GetElapsedTime(started),
                "the execution ran past its deadline while waiting in the host (a WASI 0.2 sleep, which Wasmtime does not let Booster interrupt); " +
                "it is answered now, and its slot stays taken until the wait ends");
        }
    }

    /// <summary>
    /// <c>POST /run</c> for a module whose slots are all taken: gives the pool slot back and waits
    /// for the module's slot, then a pool slot, within what is left of the queue timeout.
    /// </summary>
    private async Task<IResult?> WaitForModuleSlotAsync(HttpContext context, HeldLease held, ModuleSlots slots, long bodyBytes, long arrived)
    {
        held.Current!.Dispose();
        held.Current = null;
        if (!requeued.TryHold(bodyBytes))
        {
            metrics.Rejected("queue_memory");
            return ApiResults.Error(context, ErrorCode.Overloaded,
                $"requests waiting for a module's slots already hold {requeued.BudgetBytes} bytes of bodies; retry, or name the module in the path (/modules/{{name}}/run)");
        }
        try
        {
            var (lease, refusal) = await EnterAsync(context, slots, gate.QueueTimeout - Stopwatch.GetElapsedTime(arrived));
            held.Current = lease;
            return refusal;
        }
        finally
        {
            requeued.Release(bodyBytes);
        }
    }

    private static IResult Answer(HttpContext context, string module, ExecutionResult result)
    {
        var durationMs = Math.Round(result.Duration.TotalMilliseconds, 3);
        if (result.Outcome == ExecutionOutcome.Completed)
        {
            var cost = ((long)result.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            return ApiResults.Json(
                new RunResponse(result.Stdout, result.Stderr, result.ExitCode ?? 0, cost, durationMs, TraceId.Of(context), module, result.Truncated),
                ResponseJson.Api.RunResponse);
        }
        return ApiResults.Error(context, ErrorCode.For(result.Outcome), result.FailureMessage ?? result.Outcome.ToString(), e => e with
        {
            Module = module,
            Stdout = result.Stdout,
            Stderr = result.Stderr,
            Truncated = result.Truncated,
            DurationMs = durationMs,
        });
    }

    private (LoadedModule? Module, IResult? Error) ResolveModule(HttpContext context, string? name)
    {
        if (name is not null)
        {
            var named = modules.Find(name);
            return named is not null ? (named, null) : (null, ModuleNotFound(context, name));
        }
        var fallback = modules.Default;
        if (fallback is not null) return (fallback, null);
        var reason = modules.ConfiguredDefault is { } configured
            ? $"the default module '{configured}' ({BoosterVariables.DefaultModule}) is not loaded"
            : $"no module is loaded from {BoosterVariables.Path}={settings.ModulePath}";
        return (null, ApiResults.Error(context, ErrorCode.NoModule, reason));
    }

    private static IResult ModuleNotFound(HttpContext context, string name) =>
        ApiResults.Error(context, ErrorCode.ModuleNotFound, $"no module named '{name}' is loaded");

    private string RefusalMessage(GateRefusal refusal, ModuleSlots? slots) => refusal switch
    {
        GateRefusal.QueueFull => $"all {gate.PoolMax} execution slots are busy and the queue is full ({BoosterVariables.QueueMax}={settings.QueueMax})",
        _ when slots is not null =>
            $"no execution slot became free within {settings.QueueTimeoutMs} ms ({BoosterVariables.QueueTimeoutMs}); this module may hold {slots.Limit} at once (its maxConcurrency)",
        _ => $"no execution slot became free within {settings.QueueTimeoutMs} ms ({BoosterVariables.QueueTimeoutMs})",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Internal error in an execution of {Module} (trace id {TraceId}): {Failure}")]
    private static partial void LogInternalError(ILogger logger, string traceId, string module, string? failure);
}
