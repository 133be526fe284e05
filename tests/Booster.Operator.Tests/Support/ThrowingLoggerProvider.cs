using Microsoft.Extensions.Logging;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// A log that throws where a message starts with a given text: a way to make one step of the
/// operator fail as an unexpected bug would, without a hook in the product.
/// </summary>
internal sealed class ThrowingLoggerProvider(string messageStart) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(messageStart);

    public void Dispose()
    {
    }

    private sealed class Logger(string messageStart) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith(messageStart, StringComparison.Ordinal))
                throw new InvalidOperationException($"injected failure at: {messageStart}");
        }
    }
}
