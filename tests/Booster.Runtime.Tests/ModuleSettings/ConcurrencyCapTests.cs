using System.Diagnostics;
using System.Net;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// maxConcurrency: a module's runs beyond its cap wait in the queue without holding a pool
/// slot, so other modules' runs pass them — whether the path names the module or the body of
/// <c>POST /run</c> does — and they are refused when the queue timeout passes.
/// </summary>
public sealed class ConcurrencyCapTests : IAsyncLifetime
{
    private const int SleepMs = 500;
    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await SettingsBed.StartAsync("""
        modules:
          slow: {maxConcurrency: 1}
        """, new Dictionary<string, string>
    {
        ["slow"] = Wat.SleepsThenPrints(SleepMs, "slow done"),
        ["fast"] = Wat.Prints("fast done"),
    }, configure: s => s with { PoolMax = 3, QueueTimeoutMs = 20000 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ModuleSlots SlowSlots => _server.Services.GetRequiredService<ModuleProfiles>().For("slow").Slots!;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunsBeyondTheCapWaitWhileOtherModulesPass(bool moduleInPath)
    {
        var gate = _server.Services.GetRequiredService<Booster.Runtime.Execution.ExecutionGate>();
        var most = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                most = Math.Max(most, SlowSlots.InUse);
                await Task.Delay(5);
            }
        });

        var clock = Stopwatch.StartNew();
        var slow = Enumerable.Range(0, 3)
            .Select(_ => moduleInPath ? _server.PostRunAsync(module: "slow") : _server.PostRunAsync(new { module = "slow" }))
            .ToArray();
        // Two wait for the module's one slot, and hold no pool slot meanwhile.
        await Eventually.True(() => gate.Waiting == 2 && gate.InFlight == 1);

        var fastClock = Stopwatch.StartNew();
        var fast = await _server.PostRunAsync(module: "fast");
        fastClock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(SleepMs), "a fast module's run passes the slow module's queue");
        fast.StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var response in await Task.WhenAll(slow)) response.StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(3 * SleepMs - 50), "the three ran one after another");
        await watching.CancelAsync();
        await watcher;
        most.Should().Be(1);
        SlowSlots.InUse.Should().Be(0);
        gate.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task ModulesShowsTheCap() =>
        (await _server.SettingsOfAsync("slow"))["max_concurrency"]!.GetValue<int>().Should().Be(1);
}

/// <summary>A run that waits for its module's slot past the queue timeout is refused as overloaded.</summary>
public sealed class ConcurrencyCapTimeoutTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWaitForTheModulesSlotEndsAtTheQueueTimeout(bool moduleInPath)
    {
        await using var server = await SettingsBed.StartAsync("modules: {slow: {maxConcurrency: 1}}",
            new Dictionary<string, string> { ["slow"] = Wat.SleepsThenPrints(1500, "slow done") },
            configure: s => s with { PoolMax = 3, QueueTimeoutMs = 300 });

        var first = server.PostRunAsync(module: "slow");
        await Eventually.True(() => server.InFlight() == 1);
        var second = moduleInPath ? await server.PostRunAsync(module: "slow") : await server.PostRunAsync(new { module = "slow" });

        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var (code, message) = await second.ErrorAsync();
        code.Should().Be("overloaded");
        message.Should().Contain("its maxConcurrency");
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
        server.InFlight().Should().Be(0);
    }
}
