using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>
/// The original booster's failure, reproduced under an address-space limit: Wasmtime's
/// upstream defaults reserve about 4 GiB per live instance, so only a few fit in 100 GiB
/// (the .NET runtime takes tens of GiB itself). Admission by resource budget must keep the
/// pool to what fits; when the limit shrinks after start-up (which admission cannot foresee),
/// what does not fit is answered 503 resources_exhausted and the process stays up.
/// </summary>
public class ResourceExhaustionTests
{
    private const ulong AddressSpaceLimit = 100UL << 30;
    private const int Concurrency = 24;

    [Fact]
    public async Task UpstreamDefaultsWithAPoolFarBeyondTheBudgetAreAdmittedOnlyAsFarAsTheyFit()
    {
        await using var process = await StartAsync(tuneDefaults: false, AddressSpaceLimit);

        var pool = (await process.Client.GetFromJsonAsync<JsonObject>("/info"))!["pool"]!;
        pool["requested"]!.GetValue<int>().Should().Be(64);
        pool["effective"]!.GetValue<int>().Should().BeInRange(1, 11, "about 12 instances of 4 GiB fit in what the limit leaves");
        pool["limited_by"]!.GetValue<string>().Should().Be("RLIMIT_AS");
        process.Stdout.Should().ContainSingle(l => l.Contains("Admission:") && l.Contains("limited by RLIMIT_AS"));

        var answers = await RunConcurrentlyAsync(process);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK, "nothing is admitted that cannot be mapped");
        var metrics = await process.Client.GetStringAsync("/metrics");
        metrics.Should().Contain($"booster_pool_limit {pool["effective"]!.GetValue<int>()}");
    }

    [Fact]
    public async Task TunedDefaultsUnderTheSameLimitAdmitTheWholePoolAndLoseNothing()
    {
        await using var process = await StartAsync(tuneDefaults: true, AddressSpaceLimit);

        (await process.Client.GetFromJsonAsync<JsonObject>("/info"))!["pool"]!["effective"]!.GetValue<int>().Should().Be(64);
        var answers = await RunConcurrentlyAsync(process);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ALimitLoweredAfterStartUpGives503ResourcesExhaustedAndTheProcessRecovers()
    {
        await using var process = await StartAsync(tuneDefaults: false, addressSpaceLimit: null);
        // Room for two upstream instances (4.06 GiB each) beyond what the process maps now.
        LowerAddressSpaceLimit(process.Id, (ulong)process.VirtualMemoryBytes() + (10UL << 30));

        var answers = await RunConcurrentlyAsync(process);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.ServiceUnavailable);
        answers.Should().Contain(a => a.Status == HttpStatusCode.OK);
        var exhausted = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        exhausted.Should().NotBeEmpty();
        foreach (var (_, code, message) in exhausted)
        {
            code.Should().Be("resources_exhausted");
            message.Should().Contain("vm.max_map_count").And.Contain("BOOSTER_POOL_MAX").And.Contain("Cannot allocate memory");
        }

        process.HasExited.Should().BeFalse();
        (await process.Client.PostAsJsonAsync("/run", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await process.Client.GetStringAsync("/metrics")).Should().MatchRegex("booster_executions_total\\{module=\"sleepy\",outcome=\"resources_exhausted\"\\} [1-9]");
    }

    private static async Task<RuntimeProcess> StartAsync(bool tuneDefaults, ulong? addressSpaceLimit)
    {
        var modules = Directory.CreateTempSubdirectory("booster-exhaustion-").FullName;
        File.WriteAllText(Path.Combine(modules, "sleepy.wat"), Wat.SleepsThenPrints(1500, "ok"));
        var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules,
            [BoosterVariables.PoolMax] = "64",
            [BoosterVariables.WasmtimeTuneDefaults] = tuneDefaults ? "true" : "false",
        }, addressSpaceLimit);
        await process.WaitUntilReadyAsync();
        return process;
    }

    private static void LowerAddressSpaceLimit(int pid, ulong bytes)
    {
        using var prlimit = System.Diagnostics.Process.Start("prlimit", $"--pid {pid} --as={bytes}")!;
        prlimit.WaitForExit();
        prlimit.ExitCode.Should().Be(0);
    }

    private static async Task<List<(HttpStatusCode Status, string? Code, string? Message)>> RunConcurrentlyAsync(RuntimeProcess process)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            var response = await process.Client.PostAsJsonAsync("/run", new { });
            if (response.StatusCode == HttpStatusCode.OK) return (response.StatusCode, (string?)null, (string?)null);
            var (code, message) = await response.ErrorAsync();
            return (response.StatusCode, code, message);
        }));
        return answers.ToList();
    }
}
