using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// The runtime as a process, for what only its output shows: credentials never appear in logs,
/// <c>/info</c>, metrics or errors; a failing backend is logged once; a bad URL stops start-up
/// without echoing it; each call is a span when tracing is on.
/// </summary>
public class CredentialTests
{
    private const string WrongPassword = "not-the-password-5e1d";

    private static async Task<(RuntimeProcess Process, ModuleDirectory Modules)> StartAsync(Dictionary<string, string> environment)
    {
        var modules = new ModuleDirectory();
        modules.Write("dataops.wasm", WasiToolchain.Compile("dataops.c"));
        environment[BoosterVariables.Path] = modules.Path;
        var process = RuntimeProcess.Start(environment);
        await process.WaitUntilReadyAsync();
        return (process, modules);
    }

    [SkippableFact]
    public async Task AWrongPasswordGivesErrorCodesQuicklyIsLoggedOnceAndNoPasswordIsEverShown()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var (process, modules) = await StartAsync(new()
        {
            [DataImportVariables.RedisUrl] = $"redis://:{WrongPassword}@127.0.0.1:{redis.Port}",
            [DataImportVariables.PostgresUrl] = $"postgres://{PostgresServer.User}:{WrongPassword}@127.0.0.1:{postgres.Port}/{PostgresServer.Database}",
        });
        await using var _ = process;
        using var __ = modules;

        for (var i = 0; i < 3; i++)
        {
            var response = await process.Client.PostAsync("/modules/dataops/run",
                new StringContent("""{"args":["set","k","v","get","k","8","exec","SELECT 1","query","SELECT 1","8"]}"""));
            var json = await response.JsonAsync();
            json["stdout"]!.GetValue<string>().Should().Be("set rc=-1\nget rc=-4\nexec rc=-1\nquery rc=-1\n");
            json["duration_ms"]!.GetValue<double>().Should().BeLessThan(3000);
        }

        var shown = new[]
        {
            await process.Client.GetStringAsync("/info"), await process.Client.GetStringAsync("/metrics"),
            string.Join('\n', process.Stdout), string.Join('\n', process.Stderr),
        };
        shown.Should().NotContain(text => text.Contains(WrongPassword) || text.Contains(RedisServer.Password) || text.Contains(PostgresServer.Password));
        process.Stdout.Count(l => l.Contains("Redis at 127.0.0.1:") && l.Contains("is failing")).Should().Be(1);
        process.Stdout.Count(l => l.Contains("PostgreSQL at 127.0.0.1:") && l.Contains("is failing")).Should().Be(1);
        process.Stdout.Should().Contain(l => l.Contains("Data imports: bosbase_redis enabled (127.0.0.1:"));
        (await process.Client.GetStringAsync("/metrics")).Should().Contain("function=\"redis_get\",outcome=\"unavailable\"");
    }

    [Theory]
    [InlineData("REDIS_URL", "http://user:hunter2-secret@example:6379")]
    [InlineData("POSTGRES_URL", "postgres://user:hunter2-secret@db:5432/x?tcp_user_timeout=5")]
    [InlineData("POSTGRES_URL", "host=db password=hunter2-secret sslmode=hunter2")]
    [InlineData("SASSPB_POSTGRES_URL", "mysql://user:hunter2-secret@db/x")]
    public async Task ABadUrlStopsStartUpNamingTheVariableWithoutShowingTheValue(string variable, string value)
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [variable] = value });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
        process.Stderr.Should().ContainSingle().Which.Should().Contain(variable).And.NotContain("hunter2");
    }

    [Fact]
    public async Task ABadPoolSizeStopsStartUpNamingTheVariable()
    {
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [DataImportVariables.PostgresPoolMax] = "0" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(2);
        process.Stderr.Should().ContainSingle().Which.Should().Contain("BOOSTER_PG_POOL_MAX='0'");
    }

    [SkippableFact]
    public async Task EachCallIsASpanWhenTracingIsOn()
    {
        var (process, modules) = await StartAsync(new() { ["OTEL_TRACES_EXPORTER"] = "console" });
        await using var _ = process;
        using var __ = modules;

        (await process.Client.PostAsync("/modules/dataops/run", new StringContent("""{"args":["get","k","8","exec","SELECT 1"]}""")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        await Eventually.True(() => process.Stdout.Any(l => l.Contains("booster.data_import.pg_exec")));
        var output = string.Join('\n', process.Stdout);
        output.Should().Contain("booster.data_import.redis_get").And.Contain("booster.import.outcome: disabled").And.Contain("db.system: postgresql");
    }
}
