using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>
/// The wall-clock limit holds for a guest asleep in the host (poll_oneoff), where epoch
/// interruption alone cannot reach it.
/// </summary>
public class DeadlineTests : IAsyncLifetime
{
    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(new Dictionary<string, string>
    {
        ["nap.wat"] = Wat.SleepsThenPrints(100, "rested"),
        ["hibernate.wat"] = Wat.SleepsThenPrints(60_000, "never"),
        ["until-realtime.wat"] = Wat.SleepsUntilThenPrints(0, 60_000, "never"),
        ["until-monotonic.wat"] = Wat.SleepsUntilThenPrints(1, 60_000, "never"),
        ["soon-monotonic.wat"] = Wat.SleepsUntilThenPrints(1, 100, "woke"),
    }, s => s with { TimeoutMs = 400 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("hibernate")]
    [InlineData("until-realtime")]
    [InlineData("until-monotonic")]
    public async Task AGuestAsleepPastItsDeadlineTimesOutAndTheNextRequestWorks(string module)
    {
        var started = DateTime.UtcNow;
        var response = await _server.PostRunAsync(module: module);

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await response.ErrorAsync()).Code.Should().Be("timeout");
        (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().BeEmpty();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5));

        var next = await _server.PostRunAsync(module: "nap");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
        (await next.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("rested");
    }

    [Fact]
    public async Task ASleepWithinTheDeadlineIsLeftAlone()
    {
        var response = await _server.PostRunAsync(module: "soon-monotonic");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        json["stdout"]!.GetValue<string>().Should().Be("woke");
        json["duration_ms"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(95);
    }
}
