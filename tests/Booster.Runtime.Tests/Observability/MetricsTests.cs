using System.Net;
using Booster.Runtime.Tests.Api;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Observability;

public class MetricsTests
{
    [Fact]
    public async Task MetricsCountExecutionsByOutcomeRejectionsReloadsAndThePool()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["ok.wat"] = Wat.Prints("ok"),
            ["trap.wat"] = Wat.PrintsThenTraps(""),
            ["spin.wat"] = Wat.PrintsThenLoopsForever(""),
            // Long enough that the pool stays full while the test scrapes and knocks, even on a busy machine.
            ["slow.wat"] = Wat.SleepsThenPrints(3000, ""),
            ["broken.wat"] = "(module",
        }, s => s with { PoolMax = 1, QueueMax = 0 });

        await server.PostRunAsync(module: "ok");
        await server.PostRunAsync(module: "ok");
        await server.PostRunAsync(module: "trap");
        await server.PostRunAsync(new { timeout_ms = 200 }, module: "spin");
        var slow = server.PostRunAsync(module: "slow");
        await Eventually.True(() => server.InFlight() == 1);
        var gauges = PrometheusText.Parse(await server.Client.GetStringAsync("/metrics"));
        (await server.PostRunAsync(module: "ok")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await slow;

        var response = await server.Client.GetAsync("/metrics");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        samples.Value("booster_executions_total", ("module", "ok"), ("outcome", "completed")).Should().Be(2);
        samples.Value("booster_executions_total", ("module", "trap"), ("outcome", "trap")).Should().Be(1);
        samples.Value("booster_executions_total", ("module", "spin"), ("outcome", "timeout")).Should().Be(1);
        samples.Value("booster_execution_duration_seconds_count", ("module", "ok")).Should().Be(2);
        samples.Value("booster_execution_duration_seconds_bucket", ("module", "spin"), ("le", "+Inf")).Should().Be(1);
        samples.Value("booster_rejections_total", ("reason", "queue_full")).Should().Be(1);
        samples.Value("booster_module_loads_total", ("result", "loaded")).Should().Be(4);
        samples.Value("booster_module_loads_total", ("result", "failed")).Should().Be(1);
        samples.Value("booster_pool_limit").Should().Be(1);
        samples.Value("booster_pool_requested").Should().Be(1);
        samples.Should().ContainSingle(s => s.Name == "booster_queue_limit").Which.Value.Should().Be(0, "BOOSTER_QUEUE_MAX is 0 here");
        samples.Value("booster_executions_in_flight").Should().Be(0);
        gauges.Value("booster_executions_in_flight").Should().Be(1);
        gauges.Value("booster_queue_depth").Should().Be(0);
    }
}
