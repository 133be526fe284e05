using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>Start-up as an operator sees it: exit codes, the one-line errors, the start-up log.</summary>
public class StartupTests
{
    [Theory]
    [InlineData(BoosterVariables.PoolMax, "zero")]
    [InlineData(BoosterVariables.QueueMax, "-1")]
    [InlineData(BoosterVariables.QueueTimeoutMs, "30s")]
    [InlineData(BoosterVariables.WasmtimeMemoryGuardSize, "64KB")]
    [InlineData(BoosterVariables.WasmtimeMemoryReservation, "1.5Gi")]
    [InlineData(BoosterVariables.WasmtimeMemoryReservationForGrowth, "1Ti")]
    [InlineData(BoosterVariables.DefaultModule, "../../etc")]
    [InlineData(BoosterVariables.MaxOutputBytes, "1MB")]
    [InlineData(BoosterVariables.TimeoutMs, "10 seconds")]
    [InlineData(BoosterVariables.MaxMemoryBytes, "256MiB")]
    [InlineData(BoosterVariables.MaxRequestBytes, "0x100")]
    [InlineData(BoosterVariables.Listen, "localhost")]
    public async Task ABadValueStopsStartUpWithOneLineNamingTheVariableAndTheForm(string variable, string value)
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [variable] = value });

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exit.Should().NotBe(0);
        var line = process.Stderr.Should().ContainSingle().Subject;
        line.Should().Contain(variable).And.Contain($"'{value}'").And.Contain("expected");
        process.Stdout.Should().BeEmpty("nothing starts when the configuration is bad");
    }

    [Fact]
    public async Task AReservationThatCannotFitTheAddressSpaceLimitIsRefusedBeforeTheEngineExists()
    {
        await using var process = RuntimeProcess.Start(
            new Dictionary<string, string> { [BoosterVariables.WasmtimeMemoryReservation] = "60Gi" },
            addressSpaceLimit: 100UL << 30);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exit.Should().NotBe(0);
        process.Stderr.Should().ContainSingle().Which.Should().Contain("RLIMIT_AS").And.Contain(BoosterVariables.WasmtimeMemoryReservation);
    }

    [Fact]
    public async Task ATakenPortIsOneLineNamingBoosterListen()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [BoosterVariables.Listen] = url });

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        exit.Should().Be(2);
        process.Stderr.Should().ContainSingle().Which.Should().StartWith($"booster-runtime: {BoosterVariables.Listen}={url}");
    }

    [Fact]
    public async Task StartUpLogsTheEffectiveConfigurationOnceAndWarnsAboutALowMapCount()
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = Path.Combine(RepositoryPaths.Root, "modules"),
            [BoosterVariables.PoolMax] = "3",
            [BoosterVariables.WasmtimeMemoryGuardSize] = "128Ki",
            [BoosterVariables.DrainDelayMs] = "0",
        });
        await process.WaitUntilReadyAsync();

        var start = process.Stdout.Should().ContainSingle(l => l.Contains("Booster runtime starting")).Subject;
        start.Should().Contain("BOOSTER_POOL_MAX=3").And.Contain("memory_guard_size=131072").And.Contain("vm.max_map_count=");
        var maps = long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var warned = process.Stdout.Any(l => l.Contains("vm.max_map_count is") && l.Contains("262144"));
        warned.Should().Be(maps < 262144, $"this machine's vm.max_map_count is {maps}");
        process.Stdout.Should().ContainSingle(l => l.Contains("Module hello loaded"));

        // Requests, good and bad, are counted in /metrics, not logged line by line.
        var linesBefore = process.Stdout.Count;
        for (var i = 0; i < 20; i++)
        {
            await process.Client.PostAsync("/run", new StringContent(i % 2 == 0 ? "{}" : "{bad"));
            await process.Client.GetAsync("/health");
        }
        (await process.StopAsync()).Should().Be(0);
        process.Stdout.Skip(linesBefore).Should().OnlyContain(l => RuntimeProcess.IsShutdownLine(l));
    }
}

/// <summary>The README's first command, as a newcomer runs it from the repository root.</summary>
public class ReadmeCommandTests
{
    [Fact]
    public async Task DotnetRunFromTheRepositoryRootServesTheShippedExampleModule()
    {
        var port = Loopback.FreePort();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--project", "src/Booster.Runtime", "--no-build" }) start.ArgumentList.Add(arg);
        foreach (var name in BoosterVariables.All) start.Environment.Remove(name);
        start.Environment[BoosterVariables.Listen] = $"http://127.0.0.1:{port}";
        using var process = System.Diagnostics.Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await Eventually.True(() => IsReady(client), timeout: TimeSpan.FromSeconds(60));

            var response = await client.PostAsync("/run", new StringContent("""{"name":"newcomer"}"""));
            (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().Be("Hello, newcomer!\n");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static bool IsReady(HttpClient client)
    {
        try
        {
            return client.GetAsync("/ready").GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
