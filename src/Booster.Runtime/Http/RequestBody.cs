using System.Buffers;
using System.IO.Pipelines;
using Booster.Contract;

namespace Booster.Runtime.Http;

/// <summary>Reading a run request's body, once the request holds an execution slot.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The server's read buffer per connection (the socket transport's MaxReadBufferSize and
    /// Kestrel's MaxRequestBufferSize): the most of its body a request holds in memory while it
    /// waits for a slot. Beyond it the server stops reading the socket and TCP holds the client back.
    /// </summary>
    public const int WaitingBufferBytes = 64 * 1024;

    /// <summary>
    /// Reads the whole body and hands it to <paramref name="use"/> where it lies, in Kestrel's
    /// buffers (no copy); Kestrel enforces BOOSTER_MAX_REQUEST_BYTES while it streams. The body
    /// must arrive within BOOSTER_TIMEOUT_MS: a slow sender must not hold a slot longer than an
    /// execution may.
    /// </summary>
    public static ValueTask<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, RuntimeSettings settings, Func<ReadOnlySequence<byte>, T> use)
    {
        // Most bodies are small and already complete in Kestrel's buffer: no deadline (a timer) to arm.
        var reader = context.Request.BodyReader;
        try
        {
            if (reader.TryRead(out var read))
            {
                if (read.IsCompleted) return ValueTask.FromResult(Use(reader, read, use));
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep it; the slow path reads the rest
            }
        }
        catch (BadHttpRequestException e)
        {
            return ValueTask.FromResult<(T?, IResult?)>((default, Unreadable(context, settings, e)));
        }
        return ReadWithDeadlineAsync(context, settings, use);
    }

    private static (T? Value, IResult? Error) Use<T>(PipeReader reader, ReadResult read, Func<ReadOnlySequence<byte>, T> use)
    {
        try
        {
            return (use(read.Buffer), null);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private static async ValueTask<(T? Value, IResult? Error)> ReadWithDeadlineAsync<T>(HttpContext context, RuntimeSettings settings, Func<ReadOnlySequence<byte>, T> use)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(settings.TimeoutMs);
        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(deadline.Token);
                if (read.IsCompleted) return Use(reader, read, use);
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // keep everything, ask for more
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Headers.Connection = "close"; // the rest of the body is not wanted
            return (default, ApiResults.Error(context, ErrorCode.BadRequest,
                $"the request body did not arrive within {settings.TimeoutMs} ms ({BoosterVariables.TimeoutMs})"));
        }
        catch (BadHttpRequestException e)
        {
            return (default, Unreadable(context, settings, e));
        }
    }

    private static IResult Unreadable(HttpContext context, RuntimeSettings settings, BadHttpRequestException e) =>
        e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? TooLarge(context, settings)
            : ApiResults.Error(context, ErrorCode.BadRequest, $"the request body could not be read: {e.Message}");

    /// <summary>
    /// An answer given before a large or unsized body was read closes the connection: left open,
    /// Kestrel would have to drain it first. A small body (no more than the read buffer) is left
    /// for Kestrel to drain after the answer: closing a socket with unread bytes makes the kernel
    /// send a reset, and a reset can destroy the answer before the client reads it.
    /// </summary>
    public static void CloseIfUnread(HttpContext context)
    {
        if (context.Request.ContentLength is > WaitingBufferBytes || context.Request.Headers.TransferEncoding.Count > 0)
            context.Response.Headers.Connection = "close";
    }

    public static IResult TooLarge(HttpContext context, RuntimeSettings settings)
    {
        context.Response.Headers.Connection = "close"; // Kestrel would otherwise keep reading what is left
        return ApiResults.Error(context, ErrorCode.PayloadTooLarge,
            $"the request body is larger than {settings.MaxRequestBytes} bytes ({BoosterVariables.MaxRequestBytes})");
    }
}
