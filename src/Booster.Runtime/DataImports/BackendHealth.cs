namespace Booster.Runtime.DataImports;

/// <summary>
/// Logs a backend's failure once when it starts failing, and once when it is back, with the
/// reason but never its credentials. A data backend is not the runtime's health: readiness
/// does not follow it, guests get error codes meanwhile.
/// </summary>
internal sealed partial class BackendHealth(string backend, string endpoint, string? secret)
{
    /// <summary>Set once the host's logging is up; until then nothing has been served.</summary>
    public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private int _failing;

    public bool IsFailing => Volatile.Read(ref _failing) == 1;

    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
            LogFailing(Logger, backend, endpoint, Redact(Reason(exception)));
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
            LogRecovered(Logger, backend, endpoint);
    }

    /// <summary>The message with the password taken out, should a driver ever repeat it.</summary>
    public string Redact(string message) =>
        string.IsNullOrEmpty(secret) ? message : message.Replace(secret, "***", StringComparison.Ordinal);

    private static string Reason(Exception exception)
    {
        var inner = exception is AggregateException { InnerException: { } first } ? first : exception;
        return inner.Message.ReplaceLineEndings(" ");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "{Backend} at {Endpoint} is failing: {Reason}. Guest calls answer their error codes until it is back")]
    private static partial void LogFailing(ILogger logger, string backend, string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Backend} at {Endpoint} answers again")]
    private static partial void LogRecovered(ILogger logger, string backend, string endpoint);
}
