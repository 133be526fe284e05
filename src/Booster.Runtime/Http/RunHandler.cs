using System.Globalization;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Hosting;
using Booster.Runtime.Modules;
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
/// </remarks>
internal sealed partial class RunHandler(
    RuntimeSettings settings,
    ModuleStore modules,
    ExecutionGate gate,
    WasiExecutor executor,
    ShutdownDrain drain,
    RuntimeMetrics metrics,
    ILogger<RunHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context, string? pathModule)
    {
        var (lease, refusal) = await AdmitAsync(context, pathModule);
        if (lease is null)
        {
            RequestBody.CloseIfUnread(context);
            return refusal!;
        }
        using (lease) return await RunAsync(context, pathModule);
    }

    /// <summary>What can be decided without the body is decided before waiting; then the wait for a slot.</summary>
    private async Task<(ExecutionGate.Lease? Lease, IResult? Refusal)> AdmitAsync(HttpContext context, string? pathModule)
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

        var (lease, refusal) = await gate.EnterAsync(context.RequestAborted);
        if (lease is not null) return (lease, null);
        metrics.Rejected(refusal == GateRefusal.QueueFull ? "queue_full" : "queue_timeout");
        return (null, ApiResults.Error(context, ErrorCode.Overloaded, RefusalMessage(refusal)));
    }

    /// <summary>The part that holds a slot: body, module, execution.</summary>
    private async Task<IResult> RunAsync(HttpContext context, string? pathModule)
    {
        var (parsed, bodyError) = await RequestBody.ReadAsync(context, settings, body => RunRequestParser.Parse(body, settings.TimeoutMs));
        if (bodyError is not null) return bodyError;
        var (request, parseError) = parsed;
        if (request is null) return ApiResults.Error(context, ErrorCode.BadRequest, parseError!);

        if (pathModule is not null && request.Module is not null && request.Module != pathModule)
            return ApiResults.Error(context, ErrorCode.BadRequest, $"'module' in the body ('{request.Module}') differs from the path ('{pathModule}')");

        var (module, moduleError) = ResolveModule(context, pathModule ?? request.Module);
        if (module is null) return moduleError!;

        var span = ExecutionTracing.Start(module.Name);
        var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs ?? settings.TimeoutMs);
        var result = executor.Execute(module, new ExecutionRequest(request.Args, request.Env, request.Stdin, timeout));
        ExecutionTracing.Finish(span, result);
        metrics.Executed(module.Name, result);
        if (result.Outcome == ExecutionOutcome.InternalError)
            LogInternalError(logger, TraceId.Of(context), module.Name, result.FailureMessage);
        return Answer(context, module.Name, result);
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

    private string RefusalMessage(GateRefusal refusal) => refusal switch
    {
        GateRefusal.QueueFull => $"all {gate.PoolMax} execution slots are busy and the queue is full ({BoosterVariables.QueueMax}={settings.QueueMax})",
        _ => $"no execution slot became free within {settings.QueueTimeoutMs} ms ({BoosterVariables.QueueTimeoutMs})",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Internal error in an execution of {Module} (trace id {TraceId}): {Failure}")]
    private static partial void LogInternalError(ILogger logger, string traceId, string module, string? failure);
}
