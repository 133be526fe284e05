using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>What load-time validation refuses, and that /modules says why.</summary>
public class ModuleValidationTests
{
    [Fact]
    public async Task StartExportsOfTheWrongShapeAreRejectedAtLoadWithTheReason()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["good.wat"] = Wat.Prints("good"),
            ["global.wat"] = "(module (global (export \"_start\") i32 (i32.const 7)))",
            ["params.wat"] = "(module (func (export \"_start\") (param i32)))",
            ["result.wat"] = "(module (func (export \"_start\") (result i32) (i32.const 1)))",
            ["reactor.wat"] = "(module (func (export \"hello\")))",
        });

        var rejected = await RejectedAsync(server);

        rejected.Keys.Should().BeEquivalentTo("global.wat", "params.wat", "result.wat", "reactor.wat");
        rejected["global.wat"].Should().Be("its _start export is a global, not a function; _start must be a function of type () -> ()");
        rejected["params.wat"].Should().Be("its _start is a function of type (i32) -> (); _start must be a function of type () -> ()");
        rejected["result.wat"].Should().Contain("() -> (i32)");
        rejected["reactor.wat"].Should().Contain("does not export _start");
        foreach (var name in new[] { "global", "params", "result" })
        {
            var run = await server.PostRunAsync(module: name);
            run.StatusCode.Should().Be(HttpStatusCode.NotFound, name);
            (await run.ErrorAsync()).Code.Should().Be("module_not_found");
        }
        (await server.PostRunAsync(module: "good")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BrokenFilesAndMissingImportsAreListedWithTheirReasonsAndAFixClearsThem()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["good.wat"] = Wat.Prints("good"),
            ["broken.wat"] = "(module (func $oops",
            ["garbage.wasm"] = "this is not wasm",
            ["needs-env.wat"] = "(module (import \"env\" \"missing\" (func)) (func (export \"_start\")))",
            ["bad name!.wat"] = Wat.Prints("x"),
        });

        var rejected = await RejectedAsync(server);

        rejected.Keys.Should().BeEquivalentTo("broken.wat", "garbage.wasm", "needs-env.wat", "bad name!.wat");
        rejected["needs-env.wat"].Should().Contain("env::missing");
        rejected["bad name!.wat"].Should().Contain("not a valid module name");
        rejected.Values.Should().OnlyContain(reason => reason.Length > 0);

        server.Modules.Replace("needs-env.wat", Wat.Prints("fixed"));
        await server.WaitForModuleAsync("needs-env");
        (await RejectedAsync(server)).Keys.Should().NotContain("needs-env.wat");
        server.Modules.Delete("broken.wat");
        await Eventually.True(() => !RejectedAsync(server).GetAwaiter().GetResult().ContainsKey("broken.wat"));
    }

    [Fact]
    public async Task AStartFunctionAsleepInPollOneoffIsRejectedAtItsLoadDeadlineAndDoesNotStallTheLoader()
    {
        var sleepsForAnHour = Wat.Command("", declarations: "(func $init (call $sleep (i64.const 3600000))) (start $init)");
        var spinsForever = Wat.Command("", declarations: "(func $init (loop $forever (br $forever))) (start $init)");
        var started = Stopwatch.GetTimestamp();
        await using var server = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["sleeper.wat"] = sleepsForAnHour, ["spinner.wat"] = spinsForever, ["good.wat"] = Wat.Prints("good") },
            s => s with { TimeoutMs = 500 });

        Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(30), "the first scan ends once the load deadlines pass");
        var rejected = await RejectedAsync(server);
        rejected["sleeper.wat"].Should().Be("its start function ran past the load deadline of 500 ms (BOOSTER_TIMEOUT_MS) and was interrupted");
        rejected["spinner.wat"].Should().Be("its start function ran past the load deadline of 500 ms (BOOSTER_TIMEOUT_MS) and was interrupted");

        // The loader goes on: a module added afterwards loads and serves.
        server.Modules.Write("later.wat", Wat.Prints("later"));
        await server.WaitForModuleAsync("later");
        var run = await server.PostRunAsync(module: "later");
        (await run.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("later");
    }

    [Fact]
    public async Task AStartFunctionThatFinishesInTimeLoadsAndRunsAtEveryInstantiation()
    {
        var napsBriefly = Wat.Command(Wat.Write("ran"), "ran", declarations: "(func $init (call $sleep (i64.const 20))) (start $init)");
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["napper.wat"] = napsBriefly });

        var run = await server.PostRunAsync(module: "napper");

        run.StatusCode.Should().Be(HttpStatusCode.OK);
        (await run.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("ran");
    }

    internal static async Task<Dictionary<string, string>> RejectedAsync(RuntimeServer server)
    {
        var modules = await server.Client.GetFromJsonAsync<JsonObject>("/modules");
        return modules!["rejected"]!.AsArray().ToDictionary(r => r!["file"]!.GetValue<string>(), r => r!["reason"]!.GetValue<string>());
    }
}
