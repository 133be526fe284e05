using System.Net;
using System.Net.Http.Json;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>
/// The original booster's failure, reproduced under an address-space limit: Wasmtime's
/// upstream defaults reserve about 4 GiB per live instance, so only a few fit in 100 GiB
/// (the .NET runtime takes tens of GiB itself). Those that do not fit must be answered
/// 503 resources_exhausted, and the process must stay up.
/// </summary>
public class ResourceExhaustionTests
{
    private const ulong AddressSpaceLimit = 100UL << 30;
    private const int Concurrency = 24;

    [Fact]
    public async Task UpstreamDefaultsUnderAnAddressSpaceLimitAnswer503ResourcesExhaustedAndRecover()
    {
        await using var process = await StartAsync(tuneDefaults: false);

        var answers = await RunConcurrentlyAsync(process);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.ServiceUnavailable);
        answers.Should().Contain(a => a.Status == HttpStatusCode.OK);
        var exhausted = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        exhausted.Should().NotBeEmpty("about 12 instances of 4 GiB fit in what the limit leaves");
        foreach (var (_, code, message) in exhausted)
        {
            code.Should().Be("resources_exhausted");
            message.Should().Contain("vm.max_map_count").And.Contain("BOOSTER_POOL_MAX").And.Contain("Cannot allocate memory");
        }

        process.HasExited.Should().BeFalse();
        (await process.Client.PostAsJsonAsync("/run", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TunedDefaultsUnderTheSameLimitLoseNothing()
    {
        await using var process = await StartAsync(tuneDefaults: true);

        var answers = await RunConcurrentlyAsync(process);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
    }

    private static async Task<RuntimeProcess> StartAsync(bool tuneDefaults)
    {
        var modules = Directory.CreateTempSubdirectory("booster-exhaustion-").FullName;
        File.WriteAllText(Path.Combine(modules, "sleepy.wat"), Wat.SleepsThenPrints(1500, "ok"));
        var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules,
            [BoosterVariables.PoolMax] = "64",
            [BoosterVariables.WasmtimeTuneDefaults] = tuneDefaults ? "true" : "false",
        }, AddressSpaceLimit);
        await process.WaitUntilReadyAsync();
        return process;
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
