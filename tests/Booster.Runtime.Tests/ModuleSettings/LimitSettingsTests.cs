using System.Diagnostics;
using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// timeoutMs, maxMemory and maxOutput hold for the module the settings name and for no other,
/// with real WAT guests over Kestrel and Wasmtime; a request may lower a module's time, never raise it.
/// </summary>
public sealed class LimitSettingsTests : IAsyncLifetime
{
    private const string Yaml = """
        modules:
          quick: {timeoutMs: 300}
          small: {maxMemory: 1Mi}
          terse: {maxOutput: 1Ki}
        """;

    /// <summary>Grows memory by 32 pages (2 MiB): exits 7 when refused, prints "grown" when not.</summary>
    private static readonly string Grows2Mi = Wat.Command($"""
        (if (i32.eq (memory.grow (i32.const 32)) (i32.const -1)) (then (call $proc_exit (i32.const 7))))
        {Wat.Write("grown")}
        """, "grown");

    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await SettingsBed.StartAsync(Yaml, new Dictionary<string, string>
    {
        ["quick"] = Wat.PrintsThenLoopsForever("spinning"),
        ["loose"] = Wat.SpinsThenPrints(800, "finished"),
        ["small"] = Grows2Mi,
        ["large"] = Grows2Mi,
        ["terse"] = Wat.FloodsStdout(2),
        ["verbose"] = Wat.FloodsStdout(2),
    }, configure: s => s with { TimeoutMs = 5000 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AModulesTimeoutEndsItsRunsLongBeforeTheRuntimes()
    {
        var clock = Stopwatch.StartNew();
        var response = await _server.PostRunAsync(module: "quick");

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await response.ErrorAsync()).Code.Should().Be("timeout");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(2500), "the module's 300 ms, not the runtime's 5000 ms");

        // A module without settings has the runtime's 5 s: 800 ms of work completes.
        (await _server.PostRunAsync(module: "loose")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARequestCannotRaiseAModulesTimeoutButMayLowerIt()
    {
        foreach (var response in new[]
                 {
                     await _server.PostRunAsync(new { timeout_ms = 1000 }, "quick"),
                     await _server.PostRunAsync(new { module = "quick", timeout_ms = 301 }),
                 })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.ErrorAsync()).Message.Should().Contain("'timeout_ms' must be an integer from 1 to 300 (the timeoutMs of module 'quick'");
        }

        var clock = Stopwatch.StartNew();
        var lowered = await _server.PostRunAsync(new { timeout_ms = 50 }, "quick");
        lowered.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(290 + 1000));
        // The runtime's own bound still holds for modules without settings.
        (await _server.PostRunAsync(new { timeout_ms = 1000 }, "loose")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AModulesMemoryLimitRefusesGrowthThatTheRuntimesAllows()
    {
        var small = await (await _server.PostRunAsync(module: "small")).JsonAsync();
        var large = await (await _server.PostRunAsync(module: "large")).JsonAsync();

        small["exit_code"]!.GetValue<int>().Should().Be(7, "memory.grow answered -1 past the module's 1Mi");
        large["exit_code"]!.GetValue<int>().Should().Be(0);
        large["stdout"]!.GetValue<string>().Should().Be("grown");
    }

    [Fact]
    public async Task AModulesOutputCapCutsItsOutputOnly()
    {
        var terse = await (await _server.PostRunAsync(module: "terse")).JsonAsync();
        var verbose = await (await _server.PostRunAsync(module: "verbose")).JsonAsync();

        terse["stdout"]!.GetValue<string>().Length.Should().Be(1024);
        terse["truncated"]!.GetValue<bool>().Should().BeTrue();
        verbose["stdout"]!.GetValue<string>().Length.Should().Be(128 * 1024);
        verbose["truncated"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task ModulesShowsTheEffectiveSettingsOfEachModule()
    {
        var quick = await _server.SettingsOfAsync("quick");
        var loose = await _server.SettingsOfAsync("loose");
        var small = await _server.SettingsOfAsync("small");

        quick["named"]!.GetValue<bool>().Should().BeTrue();
        quick["timeout_ms"]!.GetValue<int>().Should().Be(300);
        quick["max_memory_bytes"]!.GetValue<long>().Should().Be(_server.Settings.MaxMemoryBytes);
        small["max_memory_bytes"]!.GetValue<long>().Should().Be(1 << 20);
        loose["named"]!.GetValue<bool>().Should().BeFalse();
        loose["timeout_ms"]!.GetValue<int>().Should().Be(5000);
        loose["redis"]!["connection"]!.GetValue<string>().Should().Be("runtime");
        (await _server.ModulesAsync())["settings_error"].Should().BeNull();
    }
}
