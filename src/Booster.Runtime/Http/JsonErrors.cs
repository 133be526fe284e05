namespace Booster.Runtime.Http;

/// <summary>
/// Makes every error JSON, including those the endpoints never see: unknown routes, wrong
/// methods, and any exception that escapes a handler (logged, answered 500, process unharmed).
/// </summary>
internal static partial class JsonErrors
{
    public static IApplicationBuilder UseJsonErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client left; nobody to answer
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Booster.Runtime.Http"), e, context.Request.Path, TraceId.Of(context));
            context.Response.Clear();
            await ApiResults.Error(context, ErrorCode.InternalError, "the server failed to handle this request").ExecuteAsync(context);
            return;
        }

        if (context.Response.HasStarted || context.Response.ContentLength > 0 || context.Response.ContentType is not null) return;
        var error = ErrorCode.ForBareStatus(context.Response.StatusCode);
        if (error is null) return;
        RequestBody.CloseIfUnread(context);
        await ApiResults.Error(context, error, $"{context.Request.Method} {context.Request.Path} is not part of the API").ExecuteAsync(context);
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error while serving {Path} (trace id {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path, string traceId);
}
