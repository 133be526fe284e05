using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Modules;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.Tiers;

/// <summary>
/// BOOSTER_COMPILER seen as a user sees it, on real servers sharing one cache folder: the tier
/// of each module in /modules, the metrics of both tiers, and what a restart reads back.
/// </summary>
public sealed class TieredStartTests : IDisposable
{
    /// <summary>A WASI command whose _start ends in a tail call, which Winch cannot compile.</summary>
    private static readonly string TailCalling = Wat.Command("return_call $said", "tail", """
        (func $said (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
        (func $prepare (i32.store (i32.const 16) (i32.const 1024)) (i32.store (i32.const 20) (i32.const 4)))
        (start $prepare)
        """);

    private readonly string _cache = Directory.CreateTempSubdirectory("booster-cache-tiers-").FullName;
    private readonly Dictionary<string, string> _files = new()
    {
        ["alpha.wat"] = Wat.Prints("alpha"),
        ["beta.wat"] = Wat.Prints("beta"),
        ["tail.wat"] = TailCalling,
    };

    [Fact]
    public async Task ModulesAreServedOnBaselineCodeThenOnOptimizedCodeWhichARestartReadsBack()
    {
        await using (var cold = await StartAsync(CompilerMode.Tiered))
        {
            // Ready came with baseline code: the optimized code is compiled only after the first scan.
            var atReady = await MetricsAsync(cold);
            atReady.Value("booster_module_compilations_total", ("tier", "baseline")).Should().Be(2);
            atReady.Value("booster_module_baseline_refused_total").Should().Be(1);
            (await cold.ExpectOkAsync("alpha"))["stdout"]!.GetValue<string>().Should().Be("alpha");
            (await cold.ExpectOkAsync("tail"))["stdout"]!.GetValue<string>().Should().Be("tail");

            await AllOptimizedAsync(cold);

            (await TiersAsync(cold)).Should().BeEquivalentTo(Expect("optimized", "optimized", "optimized"));
            var optimized = await MetricsAsync(cold);
            optimized.Value("booster_module_compilations_total", ("tier", "optimized")).Should().Be(3, "alpha and beta in the background, tail at once");
            optimized.Value("booster_module_time_to_optimized_seconds_count").Should().Be(2);
            optimized.Value("booster_modules_served", ("tier", "baseline")).Should().Be(0);
            optimized.Value("booster_modules_served", ("tier", "optimized")).Should().Be(3);
            (await cold.ExpectOkAsync("beta"))["stdout"]!.GetValue<string>().Should().Be("beta");
        }

        await using var restarted = await StartAsync(CompilerMode.Tiered);

        (await TiersAsync(restarted)).Should().BeEquivalentTo(Expect("optimized", "optimized", "optimized"));
        (await CodeAsync(restarted)).Values.Should().AllBe("cache");
        (await MetricsAsync(restarted)).Value("booster_module_compilations_total").Should().Be(0);
        (await restarted.ExpectOkAsync("alpha"))["stdout"]!.GetValue<string>().Should().Be("alpha");
    }

    [Fact]
    public async Task IdenticalModulesShareOneBackgroundCompilation()
    {
        _files.Clear();
        for (var i = 0; i < 4; i++) _files[$"copy{i}.wat"] = Wat.Prints("same");

        await using var server = await StartAsync(CompilerMode.Tiered);
        await AllOptimizedAsync(server);

        (await TiersAsync(server)).Values.Should().AllBe("optimized");
        var metrics = await MetricsAsync(server);
        metrics.Value("booster_module_compilations_total", ("tier", "baseline")).Should().Be(1);
        metrics.Value("booster_module_compilations_total", ("tier", "optimized")).Should().Be(1);
        for (var i = 0; i < 4; i++) (await server.ExpectOkAsync($"copy{i}"))["stdout"]!.GetValue<string>().Should().Be("same");
    }

    [Fact]
    public async Task BaselineModeKeepsBaselineCodeAndCachesIt()
    {
        await using (var cold = await StartAsync(CompilerMode.Baseline))
        {
            await AllOptimizedAsync(cold);
            (await TiersAsync(cold)).Should().BeEquivalentTo(Expect("baseline", "baseline", "optimized"));
            (await MetricsAsync(cold)).Value("booster_modules_served", ("tier", "baseline")).Should().Be(2);
            (await cold.ExpectOkAsync("beta"))["stdout"]!.GetValue<string>().Should().Be("beta");
            (await InfoCompilerAsync(cold)).Should().Be("baseline");
        }

        await using var restarted = await StartAsync(CompilerMode.Baseline);

        (await CodeAsync(restarted)).Values.Should().AllBe("cache");
        (await TiersAsync(restarted)).Should().BeEquivalentTo(Expect("baseline", "baseline", "optimized"));
    }

    [Fact]
    public async Task OptimizedModeCompilesOnlyOptimizedCode()
    {
        await using var server = await StartAsync(CompilerMode.Optimized);

        (await TiersAsync(server)).Values.Should().AllBe("optimized");
        var metrics = await MetricsAsync(server);
        metrics.Value("booster_module_compilations_total", ("tier", "baseline")).Should().Be(0);
        metrics.Value("booster_module_baseline_refused_total").Should().Be(0);
        metrics.Value("booster_modules_served", ("tier", "optimized")).Should().Be(3);
        (await InfoCompilerAsync(server)).Should().Be("optimized");
    }

    private Task<RuntimeServer> StartAsync(CompilerMode mode) =>
        RuntimeServer.StartAsync(_files, s => s with { CachePath = _cache, Compiler = mode });

    /// <summary>Waits until the background compilations and the cache writes they queued are done.</summary>
    private static async Task AllOptimizedAsync(RuntimeServer server)
    {
        var compiled = server.Services.GetRequiredService<CompiledModules>();
        await compiled.Background.IdleAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await compiled.CacheWrites.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static Dictionary<string, string> Expect(string alpha, string beta, string tail) =>
        new() { ["alpha"] = alpha, ["beta"] = beta, ["tail"] = tail };

    private static Task<Dictionary<string, string>> TiersAsync(RuntimeServer server) => FieldAsync(server, "tier");

    private static Task<Dictionary<string, string>> CodeAsync(RuntimeServer server) => FieldAsync(server, "code");

    private static async Task<Dictionary<string, string>> FieldAsync(RuntimeServer server, string field)
    {
        var modules = await server.Client.GetFromJsonAsync<JsonObject>("/modules");
        return modules!["modules"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m![field]!.GetValue<string>());
    }

    private static async Task<string> InfoCompilerAsync(RuntimeServer server)
    {
        var info = await server.Client.GetFromJsonAsync<JsonObject>("/info");
        return info!["config"]![BoosterVariables.Compiler]!.GetValue<string>();
    }

    private static async Task<IReadOnlyList<PrometheusText.Sample>> MetricsAsync(RuntimeServer server) =>
        PrometheusText.Parse(await server.Client.GetStringAsync("/metrics"));

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
