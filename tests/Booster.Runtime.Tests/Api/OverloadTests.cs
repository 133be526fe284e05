using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

public class OverloadTests
{
    [Fact]
    public async Task WithOneSlotAndNoQueueASecondConcurrentRunIsRefusedWithRetryAfter()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["slow.wat"] = Wat.SpinsThenPrints(1500, "done") },
            s => s with { PoolMax = 1, QueueMax = 0 });

        var first = server.PostRunAsync(module: "slow");
        await Eventually.True(() => server.InFlight() == 1);
        var second = await server.PostRunAsync(module: "slow");

        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        second.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var (code, message) = await second.ErrorAsync();
        code.Should().Be("overloaded");
        message.Should().Contain("BOOSTER_QUEUE_MAX=0");
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AQueuedRunThatWaitsTooLongIsRefused()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["slow.wat"] = Wat.SpinsThenPrints(1500, "done") },
            s => s with { PoolMax = 1, QueueMax = 10, QueueTimeoutMs = 200 });

        var first = server.PostRunAsync(module: "slow");
        await Eventually.True(() => server.InFlight() == 1);
        var waited = await server.PostRunAsync(module: "slow");

        waited.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        waited.Headers.RetryAfter.Should().NotBeNull();
        (await waited.ErrorAsync()).Message.Should().Contain("BOOSTER_QUEUE_TIMEOUT_MS");
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task QueuedRunsGetTheirTurnWhenTheyFitTheQueue()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["slow.wat"] = Wat.SpinsThenPrints(100, "done") },
            s => s with { PoolMax = 2, QueueMax = 16 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => server.PostRunAsync(module: "slow")));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
    }
}
