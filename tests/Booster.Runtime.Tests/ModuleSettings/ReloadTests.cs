using System.Net;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// The settings file is watched: a valid change applies to runs that start after it, with no
/// failed run under load; a file that does not validate is refused whole with its reason while
/// the last good settings stay; runs already started keep the settings they started with.
/// </summary>
public sealed class ReloadTests
{
    private static string Greeting(string value, int timeoutMs = 5000) => $$"""
        modules:
          greeter: {env: {GREETING: {{value}}}, timeoutMs: {{timeoutMs}}}
        """;

    [SkippableFact]
    public async Task ChangesApplyUnderLoadWithoutAFailedRun()
    {
        await using var server = await SettingsBed.StartAsync(Greeting("v0"), probes: ["greeter"]);
        var seen = new System.Collections.Concurrent.ConcurrentBag<(HttpStatusCode Status, string Body)>();
        using var stop = new CancellationTokenSource();
        // Four clients on loopback, for as long as the file keeps changing.
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await server.PostRunAsync(new { args = new[] { "env", "GREETING" } }, "greeter");
                seen.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        })).ToArray();

        for (var version = 1; version <= 5; version++)
        {
            server.WriteSettings(Greeting($"v{version}", 4000 + version));
            var expected = $"v{version}";
            await Eventually.True(() => seen.Any(s => s.Body.Contains($"GREETING={expected}", StringComparison.Ordinal)));
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        seen.Count.Should().BeGreaterThan(20);
        seen.Where(s => s.Status != HttpStatusCode.OK).Should().BeEmpty();
        seen.Select(s => s.Body).Should().OnlyContain(b => System.Text.RegularExpressions.Regex.IsMatch(b, "GREETING=v[0-5]\\\\n"));
        (await server.SettingsOfAsync("greeter"))["timeout_ms"]!.GetValue<int>().Should().Be(4005);
    }

    [SkippableFact]
    public async Task ARefusedFileLeavesTheLastGoodSettingsInForceAndSaysWhy()
    {
        await using var server = await SettingsBed.StartAsync(Greeting("good"), probes: ["greeter"]);
        var infoBefore = (await (await server.Client.GetAsync("/info")).JsonAsync())["module_settings"]!;
        infoBefore["state"]!.GetValue<string>().Should().Be("applied");
        infoBefore["source"]!.GetValue<string>().Should().Be(Path.Combine(server.Modules.Path, "booster.yaml"));

        server.WriteSettings("""
            modules:
              greeter: {env: {GREETING: bad}, timeoutMs: 999999}
            """);
        await Eventually.True(() => server.Services.GetRequiredService<ModuleProfiles>().Current.Error is not null);

        var modules = await server.ModulesAsync();
        modules["settings_error"]!.GetValue<string>().Should().Contain("'modules.greeter.timeoutMs' must be an integer from 1 to 10000");
        (await server.ProbeAsync("greeter", null, "env", "GREETING")).Should().Equal("env GREETING=good");
        var metrics = PrometheusText.Parse(await server.Client.GetStringAsync("/metrics"));
        metrics.Value("booster_module_settings_valid").Should().Be(0);
        metrics.Value("booster_module_settings_loads_total", ("result", "refused")).Should().Be(1);
        var info = (await (await server.Client.GetAsync("/info")).JsonAsync())["module_settings"]!;
        info["state"]!.GetValue<string>().Should().Be("refused");
        info["applied_at"]!.GetValue<DateTimeOffset>().Should().Be(infoBefore["applied_at"]!.GetValue<DateTimeOffset>());

        server.WriteSettings(Greeting("fixed"));
        await Eventually.True(() => server.Services.GetRequiredService<ModuleProfiles>().Current.Error is null);
        (await server.ProbeAsync("greeter", null, "env", "GREETING")).Should().Equal("env GREETING=fixed");
        (await server.ModulesAsync())["settings_error"].Should().BeNull();
    }

    [Fact]
    public async Task ARunAlreadyStartedKeepsItsSettings()
    {
        await using var server = await SettingsBed.StartAsync("modules: {sleeper: {timeoutMs: 3000}}",
            new Dictionary<string, string> { ["sleeper"] = Wat.SleepsThenPrints(1200, "woke") });
        var profiles = server.Services.GetRequiredService<ModuleProfiles>();

        var running = server.PostRunAsync(module: "sleeper");
        await Eventually.True(() => server.InFlight() == 1);
        server.WriteSettings("modules: {sleeper: {timeoutMs: 200}}");
        await Eventually.True(() => profiles.For("sleeper").TimeoutMs == 200);

        var started = await running;
        started.StatusCode.Should().Be(HttpStatusCode.OK, "it started with 3000 ms");
        (await server.PostRunAsync(module: "sleeper")).StatusCode.Should().Be(HttpStatusCode.GatewayTimeout, "later runs get 200 ms");
    }

    [Fact]
    public async Task SettingsForAModuleNotLoadedYetApplyWhenItArrives()
    {
        await using var server = await SettingsBed.StartAsync("modules: {later: {timeoutMs: 200}}");
        (await server.ModulesAsync())["settings_for_absent_modules"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("later");

        server.Modules.Write("later.wat", Wat.SleepsThenPrints(1000, "late"));
        await server.WaitForModuleAsync("later");

        (await server.PostRunAsync(module: "later")).StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await server.ModulesAsync())["settings_for_absent_modules"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task RemovingTheDefaultFileGivesEveryModuleTheRuntimesSettings()
    {
        await using var server = await SettingsBed.StartAsync("modules: {quick: {timeoutMs: 200}}",
            new Dictionary<string, string> { ["quick"] = Wat.SleepsThenPrints(600, "done") });
        (await server.PostRunAsync(module: "quick")).StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);

        server.Modules.Delete("booster.yaml");
        var profiles = server.Services.GetRequiredService<ModuleProfiles>();
        await Eventually.True(() => profiles.Current.Sha256 is null);

        (await server.PostRunAsync(module: "quick")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.SettingsOfAsync("quick"))["named"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task AFileThatDoesNotValidateAtStartUpStopsTheStart()
    {
        var start = () => SettingsBed.StartAsync("modules: {m: {maxMemory: 1Ti}}");

        (await start.Should().ThrowAsync<ModuleSettingsRefusedException>())
            .Which.Message.Should().Contain("'modules.m.maxMemory' must be a byte count");
    }

    [Fact]
    public async Task ANamedFileThatIsMissingIsRefusedAndTheDefaultFileMayBeAbsent()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"booster-missing-{Guid.NewGuid():N}.yaml");
        var start = () => RuntimeServer.StartAsync(configure: s => s with { ModulesConfig = missing });
        (await start.Should().ThrowAsync<ModuleSettingsRefusedException>()).Which.Message.Should().Contain($"BOOSTER_MODULES_CONFIG={missing}: the file does not exist");

        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["hi.wat"] = Wat.Prints("hi") });
        var info = (await (await server.Client.GetAsync("/info")).JsonAsync())["module_settings"]!;
        info["state"]!.GetValue<string>().Should().Be("none");
        (await server.SettingsOfAsync("hi"))["named"]!.GetValue<bool>().Should().BeFalse();
    }
}

/// <summary>The real process, as an operator starts it: a settings file that does not validate is exit 2 with its reasons.</summary>
public sealed class SettingsStartupTests
{
    [Fact]
    public async Task AnInvalidSettingsFileStopsTheProcessNamingEveryProblem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"booster-settings-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "modules:\n  a: {timeoutMs: 0}\n  b: {colour: blue}\n");
        try
        {
            await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [Booster.Contract.BoosterVariables.ModulesConfig] = file });

            var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

            exit.Should().Be(2);
            var error = process.Stderr.Should().ContainSingle().Which;
            error.Should().StartWith($"booster-runtime: per-module settings refused: {file}: ");
            error.Should().Contain("'modules.a.timeoutMs' must be an integer from 1 to 10000").And.Contain("'modules.b.colour' is not a known field");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
