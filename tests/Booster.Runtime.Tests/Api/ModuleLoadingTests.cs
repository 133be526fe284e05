using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

public class ModuleLoadingTests
{
    [Fact]
    public async Task ABrokenModuleFileIsSkippedWhileTheGoodOnesBesideItServe()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["good.wat"] = Wat.Prints("good"),
            ["broken.wat"] = "(module (func $oops",
            ["garbage.wasm"] = "this is not wasm",
            ["reactor.wat"] = "(module (func (export \"hello\")))",
            ["needs-env.wat"] = "(module (import \"env\" \"missing\" (func)) (func (export \"_start\")))",
            ["README.txt"] = "not a module",
        });

        var modules = await server.Client.GetFromJsonAsync<JsonObject>("/modules");
        modules!["modules"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Should().Equal("good");

        (await server.PostRunAsync(module: "good")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.PostRunAsync(module: "broken")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await server.PostRunAsync(module: "reactor")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ModulesListsNameSizeHashLoadTimeAndTheDefault()
    {
        var content = Wat.Prints("a");
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["alpha.wat"] = content });

        var modules = (await server.Client.GetFromJsonAsync<JsonObject>("/modules"))!;

        modules["default"]!.GetValue<string>().Should().Be("alpha");
        var alpha = modules["modules"]!.AsArray().Single()!;
        alpha["name"]!.GetValue<string>().Should().Be("alpha");
        alpha["size"]!.GetValue<long>().Should().Be(System.Text.Encoding.UTF8.GetByteCount(content));
        alpha["sha256"]!.GetValue<string>().Should().Be(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))));
        alpha["loaded_at"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        alpha["compile_ms"]!.GetValue<double>().Should().BePositive();
        alpha["default"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task TheDefaultModuleIsTheNewestFileUnlessOneIsConfigured()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["old.wat"] = Wat.Prints("old") });
        File.SetLastWriteTimeUtc(Path.Combine(server.Modules.Path, "old.wat"), DateTime.UtcNow.AddHours(-1));
        server.Modules.Write("new.wat", Wat.Prints("new"));
        await server.WaitForModuleAsync("new");

        (await (await server.PostRunAsync()).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("new");

        await using var configured = await RuntimeServer.StartAsync(
            new Dictionary<string, string> { ["a.wat"] = Wat.Prints("a"), ["b.wat"] = Wat.Prints("b") },
            s => s with { DefaultModule = "a" });
        (await (await configured.PostRunAsync()).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("a");
    }

    [Fact]
    public async Task ASingleFilePathServesThatFileOnly()
    {
        using var directory = new ModuleDirectory();
        var file = directory.Write("only.wat", Wat.Prints("only"));
        directory.Write("other.wat", Wat.Prints("other"));
        await using var server = await RuntimeServer.StartAsync(modulePath: file);

        (await (await server.PostRunAsync()).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("only");
        (await server.PostRunAsync(module: "other")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadyIs503UntilAModuleIsLoadedAndRunSaysNoModule()
    {
        await using var server = await RuntimeServer.StartAsync();

        var ready = await server.Client.GetAsync("/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.JsonAsync())["reason"]!.GetValue<string>().Should().Contain("no module");
        var run = await server.PostRunAsync();
        run.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await run.ErrorAsync()).Code.Should().Be("no_module");
        run.Headers.RetryAfter.Should().NotBeNull();
        (await server.Client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);

        server.Modules.Write("late.wat", Wat.Prints("late"));
        await server.WaitForModuleAsync("late");

        (await server.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.PostRunAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AddedReplacedAndDeletedFilesTakeEffectWithoutRestart()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["app.wat"] = Wat.Prints("v1") });
        var v1 = await server.Client.GetFromJsonAsync<JsonObject>("/modules");
        var v1Sha = v1!["modules"]![0]!["sha256"]!.GetValue<string>();

        server.Modules.Replace("app.wat", Wat.Prints("v2"));
        await server.WaitForModuleAsync("app", notSha: v1Sha);
        (await (await server.PostRunAsync(module: "app")).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("v2");

        server.Modules.Write("extra.wat", Wat.Prints("extra"));
        await server.WaitForModuleAsync("extra");
        (await server.PostRunAsync(module: "extra")).StatusCode.Should().Be(HttpStatusCode.OK);

        server.Modules.Delete("extra.wat");
        await server.WaitForModuleAsync("extra", present: false);
        (await server.PostRunAsync(module: "extra")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABrokenReplacementKeepsTheLastGoodVersionServing()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["app.wat"] = Wat.Prints("good") });

        server.Modules.Replace("app.wat", "(module (this is not valid");
        // The watcher has seen the broken file once its failure is counted (this server's own registry).
        await Eventually.True(() => PrometheusText.Parse(server.Client.GetStringAsync("/metrics").GetAwaiter().GetResult())
            .Value("booster_module_loads_total", ("result", "failed")) >= 1);

        var response = await server.PostRunAsync(module: "app");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("good");

        server.Modules.Replace("app.wat", Wat.Prints("fixed"));
        await Eventually.True(() =>
            server.PostRunAsync(module: "app").GetAwaiter().GetResult().JsonAsync().GetAwaiter().GetResult()["stdout"]!.GetValue<string>() == "fixed");
    }

    [Fact]
    public async Task AnExecutionInFlightFinishesOnTheVersionItStartedWith()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string> { ["app.wat"] = Wat.SpinsThenPrints(1500, "old") });
        var sha = server.Services.GetModule("app").Sha256;

        var inFlight = server.PostRunAsync(module: "app");
        await Eventually.True(() => server.InFlight() == 1);
        server.Modules.Replace("app.wat", Wat.Prints("new"));
        await server.WaitForModuleAsync("app", notSha: sha);

        var fresh = await server.PostRunAsync(module: "app");
        (await fresh.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("new");
        var old = await inFlight;
        old.StatusCode.Should().Be(HttpStatusCode.OK);
        (await old.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("old");
    }
}
