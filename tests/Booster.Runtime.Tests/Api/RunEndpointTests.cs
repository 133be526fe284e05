using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

public class RunEndpointTests
{
    [Fact]
    public async Task TheShippedExampleGreetsByNameAndListsItsArguments()
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "hello.wat"));
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["hello.wat"] = example });

        var response = await server.PostRunAsync(new { name = "Booster", args = new[] { "one", "two words" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        json["stdout"]!.GetValue<string>().Should().Be("Hello, Booster!\none\ntwo words\n");
        json["stderr"]!.GetValue<string>().Should().BeEmpty();
        json["exit_code"]!.GetValue<int>().Should().Be(0);
        json["module"]!.GetValue<string>().Should().Be("hello");
        json["truncated"]!.GetValue<bool>().Should().BeFalse();
        json["cost"]!.GetValue<string>().Should().MatchRegex("^[0-9]+ms$");
        json["duration_ms"]!.GetValue<double>().Should().BePositive();
        json["trace_id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{32}$")
            .And.Be(response.Headers.GetValues("X-Trace-Id").Single());
    }

    [Fact]
    public async Task AnOriginalBoosterClientSendingOnlyANameGetsTheOriginalFields()
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "hello.wat"));
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["hello.wat"] = example });

        var response = await server.PostRawAsync("/run", """{"name":"seed"}""");
        var json = await response.JsonAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json["stdout"]!.GetValue<string>().Should().Be("Hello, seed!\n");
        json.Select(p => p.Key).Should().Contain(["stdout", "stderr", "cost", "trace_id"]);
    }

    [Fact]
    public async Task ProcExitIsACompletedRunWithItsExitCode()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["exit3.wat"] = Wat.Exits(3) });

        var response = await server.PostRunAsync(module: "exit3");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync())["exit_code"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task ATrapIsA500NamingTheTrapWithTheOutputBeforeIt()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["trap.wat"] = Wat.PrintsThenTraps("about to fail") });

        var response = await server.PostRunAsync(module: "trap");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var json = await response.JsonAsync();
        json["error"]!["code"]!.GetValue<string>().Should().Be("trap");
        json["error"]!["message"]!.GetValue<string>().Should().Contain("unreachable");
        json["stdout"]!.GetValue<string>().Should().Be("about to fail");
        json["trace_id"]!.GetValue<string>().Should().Be(response.Headers.GetValues("X-Trace-Id").Single());
    }

    [Fact]
    public async Task AGuestThatNeverReturnsTimesOutAndTheNextRequestStillWorks()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["spin.wat"] = Wat.PrintsThenLoopsForever("started"), ["ok.wat"] = Wat.Prints("fine") },
            s => s with { TimeoutMs = 300 });

        var response = await server.PostRunAsync(module: "spin");

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        var json = await response.JsonAsync();
        json["error"]!["code"]!.GetValue<string>().Should().Be("timeout");
        json["stdout"]!.GetValue<string>().Should().Be("started");
        json["duration_ms"]!.GetValue<double>().Should().BeInRange(250, 5000);

        var next = await server.PostRunAsync(module: "ok");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
        (await next.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("fine");
    }

    [Fact]
    public async Task ARequestMayAskForAShorterTimeoutButNotALongerOne()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["spin.wat"] = Wat.PrintsThenLoopsForever("") }, s => s with { TimeoutMs = 5000 });

        var shorter = await server.PostRunAsync(new { timeout_ms = 100 }, module: "spin");
        shorter.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await shorter.JsonAsync())["duration_ms"]!.GetValue<double>().Should().BeLessThan(2500);

        var longer = await server.PostRunAsync(new { timeout_ms = 5001 }, module: "spin");
        longer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await longer.ErrorAsync()).Message.Should().Contain("timeout_ms").And.Contain("5000");
    }

    [Fact]
    public async Task GrowingMemoryPastTheLimitIsAMemoryLimitError()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["grow.wat"] = Wat.GrowsMemoryUntilRefused() }, s => s with { MaxMemoryBytes = 4 << 20 });

        var response = await server.PostRunAsync(module: "grow");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var (code, message) = await response.ErrorAsync();
        code.Should().Be("memory_limit");
        message.Should().Contain("BOOSTER_MAX_MEMORY_BYTES=4194304");
    }

    [Fact]
    public async Task EveryResponseCarriesTheTraceIdOfTheTraceparentHeader()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["ok.wat"] = Wat.Prints("hi") });
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        foreach (var request in new[]
                 {
                     new HttpRequestMessage(HttpMethod.Post, "/run") { Content = new StringContent("{}") },
                     new HttpRequestMessage(HttpMethod.Post, "/run") { Content = new StringContent("{bad") },
                     new HttpRequestMessage(HttpMethod.Get, "/health"),
                     new HttpRequestMessage(HttpMethod.Get, "/no-such-route"),
                 })
        {
            request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            var response = await server.Client.SendAsync(request);
            response.Headers.GetValues("X-Trace-Id").Should().Equal(traceId);
        }
    }
}
