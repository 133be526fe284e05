using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.Api;

/// <summary>
/// The compiled-code cache and sharing, seen as a user sees them: restarts of real servers on
/// one cache folder, /modules' <c>code</c> field and each server's own /metrics. Optimized code
/// only (BOOSTER_COMPILER=optimized); tiered start-ups are in Tiers/TieredStartTests.
/// </summary>
public sealed class CompiledCodeReuseTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("booster-cache-reuse-").FullName;
    private readonly Dictionary<string, string> _files = new()
    {
        ["alpha.wat"] = Wat.Prints("alpha"),
        ["beta.wat"] = Wat.Prints("beta"),
    };

    [Fact]
    public async Task ARestartReadsEveryModuleFromTheCacheInsteadOfCompiling()
    {
        await using (var cold = await StartAsync())
        {
            (await CodeAsync(cold)).Values.Should().AllBe("compiled");
            (await MetricsAsync(cold)).Value("booster_module_compilations_total").Should().Be(2);
        }

        await using var warm = await StartAsync();

        (await CodeAsync(warm)).Should().BeEquivalentTo(new Dictionary<string, string> { ["alpha"] = "cache", ["beta"] = "cache" });
        var metrics = await MetricsAsync(warm);
        metrics.Value("booster_module_compilations_total").Should().Be(0);
        metrics.Value("booster_code_cache_lookups_total", ("result", "hit")).Should().Be(2);
        var run = await warm.PostRunAsync(module: "beta");
        (await run.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("beta");
    }

    [Fact]
    public async Task EntriesAreWrittenOnceTheFirstScanIsOverAndAnotherServerStartsFromThem()
    {
        await using var first = await StartAsync();
        await first.Services.GetRequiredService<CompiledModules>().CacheWrites.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Directory.GetFiles(Path.Combine(_cache, "code"), "*.cwasm").Should().HaveCount(2);
        await using var second = await StartAsync();
        (await CodeAsync(second)).Values.Should().AllBe("cache");
    }

    [Fact]
    public async Task ACacheWriteThatFailsChangesNothingServed()
    {
        // A folder where alpha's entry belongs: writing it fails, even for root.
        var settings = new RuntimeSettings();
        var fingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, settings.Memory);
        var alpha = CacheKey.For(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_files["alpha.wat"]))), isText: true, fingerprint);
        var blocked = CompiledCodeCache.EntryPath(Path.Combine(_cache, CompiledCodeCache.EntriesFolder), alpha);
        Directory.CreateDirectory(blocked);

        await using (var server = await StartAsync())
        {
            await server.Services.GetRequiredService<CompiledModules>().CacheWrites.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));

            (await server.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await CodeAsync(server)).Values.Should().AllBe("compiled");
            (await (await server.PostRunAsync(module: "alpha")).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("alpha");
            Directory.Exists(blocked).Should().BeTrue();
        }

        await using var restarted = await StartAsync();
        (await CodeAsync(restarted)).Should().BeEquivalentTo(new Dictionary<string, string> { ["alpha"] = "compiled", ["beta"] = "cache" });
    }

    [Fact]
    public async Task ACorruptedEntryIsCompiledAgainAndRewritten()
    {
        await using (await StartAsync()) { }
        var entries = Directory.GetFiles(Path.Combine(_cache, "code"), "*.cwasm");
        entries.Should().HaveCount(2);
        foreach (var entry in entries)
        {
            var bytes = File.ReadAllBytes(entry);
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(entry, bytes);
        }

        await using (var afterDamage = await StartAsync())
        {
            (await CodeAsync(afterDamage)).Values.Should().AllBe("compiled");
            var metrics = await MetricsAsync(afterDamage);
            metrics.Value("booster_code_cache_lookups_total", ("result", "invalid")).Should().Be(2);
            metrics.Value("booster_module_compilations_total").Should().Be(2);
            (await afterDamage.PostRunAsync(module: "alpha")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await using var repaired = await StartAsync();
        (await CodeAsync(repaired)).Values.Should().AllBe("cache");
    }

    [Fact]
    public async Task CodeCompiledUnderOtherEngineSettingsIsNotUsed()
    {
        await using (await StartAsync()) { }

        await using var other = await StartAsync(s => s with { Memory = WasmtimeMemorySettings.Resolve(true, 131072, null, null) });

        (await CodeAsync(other)).Values.Should().AllBe("compiled");
        var metrics = await MetricsAsync(other);
        metrics.Value("booster_code_cache_lookups_total", ("result", "miss")).Should().Be(2);
        metrics.Value("booster_code_cache_lookups_total", ("result", "hit")).Should().Be(0);
        // Entries are written after the first scan, in the background: wait for this server's.
        await other.Services.GetRequiredService<CompiledModules>().CacheWrites.WrittenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Directory.GetFiles(Path.Combine(_cache, "code"), "*.cwasm").Should().HaveCount(4, "each engine keeps its own entries");
    }

    [Fact]
    public async Task IdenticalModulesAreCompiledOnce()
    {
        var same = Wat.Prints("same");
        _files.Clear();
        for (var i = 0; i < 5; i++) _files[$"copy{i}.wat"] = same;
        _files["different.wat"] = Wat.Prints("different");

        await using var server = await StartAsync();

        var code = await CodeAsync(server);
        code.Where(c => c.Key.StartsWith("copy", StringComparison.Ordinal)).Select(c => c.Value)
            .Should().BeEquivalentTo(["compiled", "shared", "shared", "shared", "shared"]);
        code["different"].Should().Be("compiled");
        (await MetricsAsync(server)).Value("booster_module_compilations_total").Should().Be(2);
        for (var i = 0; i < 5; i++)
            (await (await server.PostRunAsync(module: $"copy{i}")).JsonAsync())["stdout"]!.GetValue<string>().Should().Be("same");

        // A copy arriving later shares the loaded code too.
        server.Modules.Write("late-copy.wat", same);
        await server.WaitForModuleAsync("late-copy");
        (await CodeAsync(server))["late-copy"].Should().Be("shared");
        (await MetricsAsync(server)).Value("booster_module_compilations_total").Should().Be(2);
    }

    private Task<RuntimeServer> StartAsync(Func<RuntimeSettings, RuntimeSettings>? configure = null) =>
        RuntimeServer.StartAsync(_files, s => (configure ?? (x => x))(s with { CachePath = _cache, Compiler = CompilerMode.Optimized }));

    private static async Task<Dictionary<string, string>> CodeAsync(RuntimeServer server)
    {
        var modules = await server.Client.GetFromJsonAsync<JsonObject>("/modules");
        return modules!["modules"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["code"]!.GetValue<string>());
    }

    private static async Task<IReadOnlyList<PrometheusText.Sample>> MetricsAsync(RuntimeServer server) =>
        PrometheusText.Parse(await server.Client.GetStringAsync("/metrics"));

    public void Dispose() => Directory.Delete(_cache, recursive: true);
}
