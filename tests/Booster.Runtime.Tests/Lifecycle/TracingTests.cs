using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>Tracing through the real OpenTelemetry SDK, with its console exporter.</summary>
public class TracingTests
{
    [Fact]
    public async Task EachExecutionIsASpanInTheCallersTraceWithModuleAndOutcome()
    {
        using var modules = new ModuleDirectory();
        modules.Write("traced.wat", Wat.Exits(4));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules.Path,
            ["OTEL_TRACES_EXPORTER"] = "console",
        });
        await process.WaitUntilReadyAsync();
        const string traceId = "0af7651916cd43dd8448eb211c80319c";

        var request = new HttpRequestMessage(HttpMethod.Post, "/run") { Content = new StringContent("{}") };
        request.Headers.Add("traceparent", $"00-{traceId}-b7ad6b7169203331-01");
        var response = await process.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Trace-Id").Should().Equal(traceId);
        await Eventually.True(() => process.Stdout.Any(l => l.Contains("booster.execute")));
        var output = string.Join('\n', process.Stdout);
        var span = output[output.IndexOf("booster.execute", StringComparison.Ordinal)..];
        output.Should().Contain($"Activity.TraceId:            {traceId}");
        span.Should().Contain("booster.module: traced").And.Contain("booster.outcome: completed").And.Contain("booster.exit_code: 4");
    }

    [Fact]
    public async Task WithoutOtelVariablesNothingIsExported()
    {
        using var modules = new ModuleDirectory();
        modules.Write("quiet.wat", Wat.Prints("x"));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules.Path,
            [BoosterVariables.DrainDelayMs] = "0",
        });
        await process.WaitUntilReadyAsync();

        (await process.Client.PostAsync("/run", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await process.StopAsync()).Should().Be(0);

        process.Stdout.Should().NotContain(l => l.Contains("Activity.") || l.Contains("booster.execute"));
    }

    [Fact]
    public async Task AnUnknownExporterStopsStartUpWithOneLine()
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { ["OTEL_TRACES_EXPORTER"] = "carrier-pigeon" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
        process.Stderr.Should().ContainSingle().Which.Should().Contain("OTEL_TRACES_EXPORTER='carrier-pigeon'");
    }
}
