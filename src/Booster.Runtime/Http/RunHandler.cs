using System.Buffers;
using System.Globalization;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Hosting;
using Booster.Runtime.Modules;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Http;

/// <summary>
/// One run request, start to end: read and check the body, pick the module, wait for a slot,
/// execute, answer. Every way it can end is an explicit answer; nothing escapes as a 500 page.
/// </summary>
internal sealed class RunHandler(
    RuntimeSettings settings,
    ModuleStore modules,
    ExecutionGate gate,
    WasiExecutor executor,
    Readiness readiness,
    RuntimeMetrics metrics)
{
    public async Task<IResult> HandleAsync(HttpContext context, string? pathModule)
    {
        if (readiness.Draining)
        {
            metrics.Rejected("draining");
            return ApiResults.Error(context, ErrorCode.Overloaded, "the server is draining for shutdown; retry on another replica");
        }

        if (pathModule is not null && !RuntimeSettingsParser.IsValidModuleName(pathModule))
            return ApiResults.Error(context, ErrorCode.BadRequest, $"bad module name '{pathModule}': {RuntimeSettingsParser.ModuleNameForm}");

        var (body, bodyError) = await ReadBodyAsync(context);
        if (bodyError is not null) return bodyError;

        var (request, parseError) = RunRequestParser.Parse(body, settings.TimeoutMs);
        if (request is null) return ApiResults.Error(context, ErrorCode.BadRequest, parseError!);

        if (pathModule is not null && request.Module is not null && request.Module != pathModule)
            return ApiResults.Error(context, ErrorCode.BadRequest, $"'module' in the body ('{request.Module}') differs from the path ('{pathModule}')");

        var (module, moduleError) = ResolveModule(context, pathModule ?? request.Module);
        if (module is null) return moduleError!;

        var (lease, refusal) = await gate.EnterAsync(context.RequestAborted);
        if (lease is null)
        {
            metrics.Rejected(refusal == GateRefusal.QueueFull ? "queue_full" : "queue_timeout");
            return ApiResults.Error(context, ErrorCode.Overloaded, RefusalMessage(refusal));
        }

        ExecutionResult result;
        using (lease)
        {
            var span = ExecutionTracing.Start(module.Name);
            var timeout = TimeSpan.FromMilliseconds(request.TimeoutMs ?? settings.TimeoutMs);
            result = executor.Execute(module, new ExecutionRequest(request.Args, request.Env, request.Stdin, timeout));
            ExecutionTracing.Finish(span, result);
        }
        metrics.Executed(module.Name, result);
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
            return named is not null
                ? (named, null)
                : (null, ApiResults.Error(context, ErrorCode.ModuleNotFound, $"no module named '{name}' is loaded"));
        }
        var fallback = modules.Default;
        if (fallback is not null) return (fallback, null);
        var reason = modules.ConfiguredDefault is { } configured
            ? $"the default module '{configured}' ({BoosterVariables.DefaultModule}) is not loaded"
            : $"no module is loaded from {BoosterVariables.Path}={settings.ModulePath}";
        return (null, ApiResults.Error(context, ErrorCode.NoModule, reason));
    }

    /// <summary>Reads the whole body; Kestrel enforces BOOSTER_MAX_REQUEST_BYTES while it streams.</summary>
    private async Task<(byte[] Body, IResult? Error)> ReadBodyAsync(HttpContext context)
    {
        var declared = context.Request.ContentLength;
        if (declared > settings.MaxRequestBytes) return ([], TooLarge(context));
        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                if (read.IsCompleted)
                {
                    var body = read.Buffer.ToArray();
                    reader.AdvanceTo(read.Buffer.End);
                    return (body, null);
                }
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep everything, ask for more
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], TooLarge(context));
        }
        catch (BadHttpRequestException e)
        {
            return ([], ApiResults.Error(context, ErrorCode.BadRequest, $"the request body could not be read: {e.Message}"));
        }
    }

    private IResult TooLarge(HttpContext context)
    {
        // Kestrel would otherwise keep reading what is left of a body it refused.
        context.Response.Headers.Connection = "close";
        return ApiResults.Error(context, ErrorCode.PayloadTooLarge,
            $"the request body is larger than {settings.MaxRequestBytes} bytes ({BoosterVariables.MaxRequestBytes})");
    }

    private string RefusalMessage(GateRefusal refusal) => refusal switch
    {
        GateRefusal.QueueFull => $"all {gate.PoolMax} execution slots are busy and the queue is full ({BoosterVariables.QueueMax}={settings.QueueMax})",
        _ => $"no execution slot became free within {settings.QueueTimeoutMs} ms ({BoosterVariables.QueueTimeoutMs})",
    };
}
