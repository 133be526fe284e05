using System.Net;
using Booster.Contract;
using Booster.Runtime.Modules;
using Booster.Runtime.Tests.ModuleSettings;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.Components;

/// <summary>
/// Real WASI 0.2 components — C commands adapted by jco, components in the text format, and a
/// JavaScript guest built by componentize-js — loaded from the module folder and run over HTTP,
/// answered exactly as core modules are.
/// </summary>
public class ComponentRunTests
{
    /// <summary>A runtime serving <paramref name="modules"/> (file stem → bytes), each loaded before it returns.</summary>
    private static async Task<RuntimeServer> ServeAsync(Func<RuntimeSettings, RuntimeSettings>? configure, params (string Name, byte[] Bytes)[] modules)
    {
        var server = await RuntimeServer.StartAsync(configure: configure);
        foreach (var (name, bytes) in modules) server.Modules.Write(name + ".wasm", bytes);
        foreach (var (name, _) in modules) await server.WaitForModuleAsync(name);
        return server;
    }

    [SkippableFact]
    public async Task TheCHelloComponentAnswersAsItsCoreTwinAndIsListedAsAComponent()
    {
        await using var server = await ServeAsync(null, ("core", WasiToolchain.Compile("hello.c")), ("comp", ComponentToolchain.CommandFromC("hello.c")));
        var request = new { name = "Wasm", args = new[] { "first", "sécond" }, stdin = "line one\n", env = new Dictionary<string, string> { ["X"] = "1" } };

        var core = await (await server.PostRunAsync(request, "core")).JsonAsync();
        var comp = await (await server.PostRunAsync(request, "comp")).JsonAsync();

        comp["stdout"]!.GetValue<string>().Should().Be("Hello, Wasm!\narg 1: first\narg 2: sécond\nline one\n").And.Be(core["stdout"]!.GetValue<string>());
        comp["stderr"]!.GetValue<string>().Should().Be("argv[0]=comp\n");
        comp["exit_code"]!.GetValue<int>().Should().Be(0);
        comp["truncated"]!.GetValue<bool>().Should().BeFalse();
        var modules = (await server.ModulesAsync())["modules"]!.AsArray();
        modules.Single(m => m!["name"]!.GetValue<string>() == "comp")!["kind"]!.GetValue<string>().Should().Be("component");
        modules.Single(m => m!["name"]!.GetValue<string>() == "core")!["kind"]!.GetValue<string>().Should().Be("module");
    }

    [SkippableFact]
    public async Task ExitCodesComeFromWasiCliExitAndRunsResult()
    {
        await using var server = await ServeAsync(null, ("hello", ComponentToolchain.CommandFromC("hello.c")), ("exits", ComponentToolchain.FromText("exits.wat")));

        // The C guest returns 7: the command adapter ends it through wasi:cli/exit with an error, which is exit code 1.
        var exited = await (await server.PostRunAsync(new { args = new[] { "!" } }, "hello")).JsonAsync();
        var erred = await (await server.PostRunAsync(null, "exits")).JsonAsync();

        exited["exit_code"]!.GetValue<int>().Should().Be(1);
        exited["stdout"]!.GetValue<string>().Should().StartWith("Hello, world!");
        erred["exit_code"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task AComponentInTheTextFormatIsServedFromItsWatFile()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["exits.wat"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", "Components", "exits.wat")),
        });

        var run = await (await server.PostRunAsync(null, "exits")).JsonAsync();

        server.Services.GetModule("exits").Kind.Should().Be("component");
        run["exit_code"]!.GetValue<int>().Should().Be(1);
    }

    [SkippableFact]
    public async Task AModuleFileSwitchesBetweenCoreModuleAndComponentOnReloadAndABrokenComponentKeepsTheLastGood()
    {
        var component = ComponentToolchain.CommandFromC("hello.c");
        var core = WasiToolchain.Compile("hello.c");
        var sockets = ComponentToolchain.FromText("sockets.wat");
        await using var server = await ServeAsync(null, ("hello", core));
        var store = server.Services.GetRequiredService<ModuleStore>();

        var coreSha = store.Find("hello")!.Sha256;
        server.Modules.Write("hello.wasm", component);
        await server.WaitForModuleAsync("hello", notSha: coreSha);
        var asComponent = await (await server.PostRunAsync(new { name = "c" }, "hello")).JsonAsync();
        var componentSha = store.Find("hello")!.Sha256;
        server.Modules.Write("hello.wasm", sockets);
        await Eventually.True(() => store.Rejected.Count == 1);
        var kept = await (await server.PostRunAsync(new { name = "kept" }, "hello")).JsonAsync();
        server.Modules.Write("hello.wasm", core);
        await server.WaitForModuleAsync("hello", notSha: componentSha);
        var asCore = await (await server.PostRunAsync(new { name = "m" }, "hello")).JsonAsync();

        asComponent["stdout"]!.GetValue<string>().Should().Be("Hello, c!\n");
        kept["stdout"]!.GetValue<string>().Should().Be("Hello, kept!\n", "a broken replacement leaves the last good version serving");
        asCore["stdout"]!.GetValue<string>().Should().Be("Hello, m!\n");
        store.Find("hello")!.Kind.Should().Be("module");
    }

    [SkippableFact]
    public async Task HostileComponentsAreAnsweredAsTheirCoreTwins()
    {
        await using var server = await ServeAsync(s => s with { TimeoutMs = 1000, MaxMemoryBytes = 32 << 20, MaxOutputBytes = 64 << 10 },
            ("core", WasiToolchain.Compile(ComponentToolchain.CSource("hostile.c"))), ("comp", ComponentToolchain.CommandFromC(ComponentToolchain.CSource("hostile.c"))));

        foreach (var (what, status, code) in new[]
                 {
                     ("loop", HttpStatusCode.GatewayTimeout, "timeout"),
                     ("grow", HttpStatusCode.InternalServerError, "memory_limit"),
                     ("trap", HttpStatusCode.InternalServerError, "trap"),
                 })
        {
            foreach (var module in new[] { "core", "comp" })
            {
                var response = await server.PostRunAsync(new { args = new[] { what } }, module);
                response.StatusCode.Should().Be(status, $"{module} {what}");
                (await response.ErrorAsync()).Code.Should().Be(code, $"{module} {what}");
            }
        }

        var flood = await (await server.PostRunAsync(new { args = new[] { "flood" } }, "comp")).JsonAsync();
        var coreFlood = await (await server.PostRunAsync(new { args = new[] { "flood" } }, "core")).JsonAsync();
        flood["truncated"]!.GetValue<bool>().Should().BeTrue();
        flood["stdout"]!.GetValue<string>().Length.Should().Be(64 << 10).And.Be(coreFlood["stdout"]!.GetValue<string>().Length);
        flood["exit_code"]!.GetValue<int>().Should().Be(0);

        // After all that, the component still answers normally: nothing leaked into the next run.
        var ok = await (await server.PostRunAsync(null, "comp")).JsonAsync();
        ok["stdout"]!.GetValue<string>().Should().Be("greeting=(none) home=(none)\n");
    }

    [SkippableFact]
    public async Task AComponentSleepingPastItsDeadlineIsAnsweredOnTimeAndHoldsItsSlotUntilTheSleepEnds()
    {
        // Wasmtime's WASI 0.2 sleeps inside the host, where the epoch cannot interrupt, and its C API
        // offers no way to bound the sleep: the answer comes at the deadline, the slot when the sleep ends.
        await using var server = await ServeAsync(s => s with { TimeoutMs = 300, PoolMax = 1 },
            ("sleeper", ComponentToolchain.CommandFromC(ComponentToolchain.CSource("hostile.c"))));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await server.PostRunAsync(new { args = new[] { "sleep", "2" } }, "sleeper");
        var answeredAfter = started.Elapsed;
        var next = await (await server.PostRunAsync(null, "sleeper")).JsonAsync();
        var nextAfter = started.Elapsed;

        response.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        var error = await response.JsonAsync();
        error["stdout"]!.GetValue<string>().Should().BeEmpty("the guest's output after its deadline is never sent");
        error["error"]!["message"]!.GetValue<string>().Should().Contain("slot stays taken");
        answeredAfter.Should().BeLessThan(TimeSpan.FromSeconds(1.5));
        // The pool has one slot, which the sleeper keeps until its sleep ends.
        nextAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(2));
        next["exit_code"]!.GetValue<int>().Should().Be(0);
        server.InFlight().Should().Be(0);
    }

    [SkippableFact]
    public async Task ComponentsThatCannotRunAreRefusedAtLoadWithTheirReason()
    {
        var reactor = ComponentToolchain.FromText("reactor.wat");
        var sockets = ComponentToolchain.FromText("sockets.wat");
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["norun.wat"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Guests", "Components", "norun.wat")),
        });
        server.Modules.Write("reactor.wasm", reactor);
        server.Modules.Write("sockets.wasm", sockets);

        await Eventually.True(() => server.Services.GetRequiredService<ModuleStore>().Rejected.Count == 3);
        var rejected = (await server.ModulesAsync())["rejected"]!.AsArray();

        string Reason(string name) => rejected.Single(r => r!["name"]!.GetValue<string>() == name)!["reason"]!.GetValue<string>();
        Reason("reactor").Should().Contain("does not export wasi:cli/run@0.2.x");
        Reason("sockets").Should().Contain("wasi:sockets/network@0.2.0").And.Contain("no network");
        Reason("norun").Should().Contain("wasi:cli/run@0.2.0").And.Contain("no function named run");
        (await server.PostRunAsync(null, "sockets")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task TheMemoryLimitCountsEveryCoreInstanceOfAComponentAndTablesAreBounded()
    {
        var memories = ComponentToolchain.FromText("memories.wat");
        var tables = ComponentToolchain.FromText("tables.wat");
        await using var server = await RuntimeServer.StartAsync(configure: s => s with { MaxMemoryBytes = 32 << 20 });
        server.Modules.Write("memories.wasm", memories);
        server.Modules.Write("tables.wasm", tables);
        await server.WaitForModuleAsync("tables");
        await Eventually.True(() => server.Services.GetRequiredService<ModuleStore>().Rejected.Count == 1);

        var reason = server.Services.GetRequiredService<ModuleStore>().Rejected.Single().Reason;
        var run = await (await server.PostRunAsync(null, "tables")).JsonAsync();

        // 20 MiB each fits the limit alone; the two together do not.
        reason.Should().Contain("BOOSTER_MAX_MEMORY_BYTES=33554432").And.Contain("41943040").And.Contain($"{Booster.Runtime.Execution.Limits.GuestLimits.MaxComponentMemories} memories");
        run["exit_code"]!.GetValue<int>().Should().Be(0, "the table growth was refused and the guest saw -1");
    }

    [SkippableFact]
    public async Task AComponentGetsOnlyTheEnvironmentAndReadOnlyFoldersItsSettingsGrant()
    {
        var component = ComponentToolchain.CommandFromC(ComponentToolchain.CSource("hostile.c"));
        var folder = Directory.CreateTempSubdirectory("booster-component-files-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "hello from config");
            await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
            {
                ["booster.yaml"] = $"modules:\n  granted:\n    env: {{GREETING: hi}}\n    files:\n      - path: {folder}\n        guestPath: /config\n",
            });
            server.Modules.Write("granted.wasm", component);
            server.Modules.Write("plain.wasm", component);
            await server.WaitForModuleAsync("granted");
            await server.WaitForModuleAsync("plain");

            var read = await (await server.PostRunAsync(new { args = new[] { "read", "/config/a.txt", "/config/new.txt" } }, "granted")).JsonAsync();
            var plainRead = await (await server.PostRunAsync(new { args = new[] { "read", "/config/a.txt" } }, "plain")).JsonAsync();
            var env = await (await server.PostRunAsync(null, "granted")).JsonAsync();

            read["stdout"]!.GetValue<string>().Should().Be("hello from config\nwrite refused\n");
            File.Exists(Path.Combine(folder, "new.txt")).Should().BeFalse();
            plainRead["stdout"]!.GetValue<string>().Should().Be("open failed\n");
            // The settings' variable, and none of the host's (HOME is set for this process).
            env["stdout"]!.GetValue<string>().Should().Be("greeting=hi home=(none)\n");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task WhenTieredAComponentIsServedOnBaselineCodeThenOnOptimizedCode()
    {
        await using var server = await ServeAsync(s => s with { Compiler = CompilerMode.Tiered }, ("hello", ComponentToolchain.CommandFromC("hello.c")));
        var first = server.Services.GetModule("hello");
        var firstRun = await (await server.PostRunAsync(new { name = "baseline" }, "hello")).JsonAsync();

        await Eventually.True(() => server.Services.GetModule("hello").Tier == Booster.Runtime.Execution.CodeTier.Optimized, timeout: TimeSpan.FromSeconds(60));
        var optimized = server.Services.GetModule("hello");
        var secondRun = await (await server.PostRunAsync(new { name = "optimized" }, "hello")).JsonAsync();

        // Winch compiles components (measured: the C hello's component 3x faster than Cranelift).
        first.Tier.Should().Be(Booster.Runtime.Execution.CodeTier.Baseline);
        optimized.Component.Should().NotBeNull().And.NotBeSameAs(first.Component);
        optimized.Module.Should().BeNull();
        firstRun["stdout"]!.GetValue<string>().Should().Be("Hello, baseline!\n");
        secondRun["stdout"]!.GetValue<string>().Should().Be("Hello, optimized!\n");
        (await server.ModulesAsync())["modules"]!.AsArray().Single()!["tier"]!.GetValue<string>().Should().Be("optimized");
    }

    [SkippableFact]
    public async Task ACompiledComponentIsReadBackFromTheCacheAfterARestart()
    {
        var component = ComponentToolchain.CommandFromC("hello.c");
        var cache = Directory.CreateTempSubdirectory("booster-component-cache-").FullName;
        try
        {
            // Optimized at once: the cache keeps optimized code only, and tiered code gets there later.
            await using (var first = await RuntimeServer.StartAsync(configure: s => s with { CachePath = cache, Compiler = CompilerMode.Optimized }))
            {
                first.Modules.Write("hello.wasm", component);
                await first.WaitForModuleAsync("hello");
                await first.Services.GetRequiredService<CompiledModules>().CacheWrites.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            await using var second = await RuntimeServer.StartAsync(configure: s => s with { CachePath = cache, Compiler = CompilerMode.Optimized });
            second.Modules.Write("hello.wasm", component);
            await second.WaitForModuleAsync("hello");

            second.Services.GetModule("hello").Origin.Should().Be(CodeOrigin.Cache);
            var json = await (await second.PostRunAsync(new { name = "again" }, "hello")).JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be("Hello, again!\n");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [SkippableFact]
    public async Task AJavaScriptComponentEchoesStdinUpperCased()
    {
        var component = ComponentToolchain.FromJavaScript("echo.js", "echo-wit", "echo");
        await using var server = await RuntimeServer.StartAsync(configure: s => s with { TimeoutMs = 30000 });
        server.Modules.Write("echo.wasm", component);
        // 12 MB of compiled JavaScript engine: Cranelift takes a while on a small machine.
        await Eventually.True(() => server.Services.GetRequiredService<ModuleStore>().Find("echo") is not null, timeout: TimeSpan.FromMinutes(3));

        for (var i = 0; i < 3; i++)
        {
            var json = await (await server.PostRunAsync(new { stdin = $"hello {i}, é" }, "echo")).JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be($"js says: HELLO {i}, É");
            json["exit_code"]!.GetValue<int>().Should().Be(0);
        }
    }
}
