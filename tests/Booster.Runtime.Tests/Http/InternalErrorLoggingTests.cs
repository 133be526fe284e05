using System.Collections.Concurrent;
using System.Net;
using Booster.Contract;
using Booster.Runtime.Hosting;
using Booster.Runtime.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booster.Runtime.Tests.Http;

public class InternalErrorLoggingTests
{
    [Fact]
    public async Task AFailureThatEscapesAHandlerIsAnsweredAsJsonAndLoggedWithTheAnswersTraceId()
    {
        using var modules = new ModuleDirectory();
        var app = RuntimeApp.Build(new RuntimeSettings { ModulePath = modules.Path, Listen = "http://127.0.0.1:0", DrainDelayMs = 0 });
        var logged = new RecordingLoggerProvider();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logged);
        // A defect stands in for any: the pipeline around the endpoints is the runtime's own.
        app.MapGet("/defect", (HttpContext _) => throw new InvalidOperationException("a defect"));
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var response = await client.GetAsync("/defect");

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            var json = await response.JsonAsync();
            json["error"]!["code"]!.GetValue<string>().Should().Be("internal_error");
            var traceId = json["trace_id"]!.GetValue<string>();
            logged.Lines.Should().ContainSingle(l => l.Level == LogLevel.Error && l.Text.Contains(traceId) && l.Text.Contains("/defect"))
                .Which.Exception.Should().BeOfType<InvalidOperationException>();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text, Exception? Exception)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(Lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<(LogLevel, string, Exception?)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
