using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>/ready against a directory of many modules: Ready must mean every module is served.</summary>
public class ReadinessWithManyModulesTests
{
    private const int ModuleCount = 72;

    [Fact]
    public async Task ReadyIs503UntilEveryModuleOfTheFirstScanIsLoadedOrRejected()
    {
        var files = Enumerable.Range(0, ModuleCount).ToDictionary(i => $"m{i:D2}.wat", i => Wat.Prints($"module {i}"));
        files["broken.wat"] = "(module (func";
        // A start function that takes a second (well within the load deadline): the first scan
        // lasts at least that long, so the probe below surely sees it in progress.
        files["slow-start.wat"] = Wat.Command(Wat.Write("slow"), "slow", declarations: "(func $init (call $sleep (i64.const 1000))) (start $init)");
        await using var server = await RuntimeServer.StartAsync(files, waitForFirstScan: false);

        // Poll /ready from the moment the server listens; the first 200 must find everything settled.
        var sawLoading = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the runtime must become ready");
            var ready = await server.Client.GetAsync("/ready");
            if (ready.StatusCode == HttpStatusCode.OK) break;
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            var reason = (await ready.JsonAsync())["reason"]!.GetValue<string>();
            reason.Should().Contain("first scan");
            sawLoading = true;
        }
        var modules = await server.Client.GetFromJsonAsync<JsonObject>("/modules");

        modules!["modules"]!.AsArray().Should().HaveCount(ModuleCount + 1);
        modules["rejected"]!.AsArray().Select(r => r!["file"]!.GetValue<string>()).Should().Equal("broken.wat");
        sawLoading.Should().BeTrue("the test must have seen the runtime before it was ready");
        for (var i = 0; i < ModuleCount; i += 9)
        {
            var run = await server.PostRunAsync(module: $"m{i:D2}");
            (await run.JsonAsync())["stdout"]!.GetValue<string>().Should().Be($"module {i}");
        }
    }

    [Fact]
    public async Task AConfiguredDefaultThatIsRejectedKeepsTheReplicaUnready()
    {
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["other.wat"] = Wat.Prints("other"), ["main.wat"] = "(module (global (export \"_start\") i32 (i32.const 0)))" },
            s => s with { DefaultModule = "main" });

        var ready = await server.Client.GetAsync("/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.JsonAsync())["reason"]!.GetValue<string>().Should().Be("the default module 'main' is not loaded");
    }
}
