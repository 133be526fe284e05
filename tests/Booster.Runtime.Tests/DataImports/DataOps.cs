using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// The C test module <c>dataops</c> (Guests/dataops.c): each run performs the operations its
/// arguments name against the data imports and prints one line per call ("get rc=5 value=hello").
/// </summary>
internal static class DataOps
{
    private static readonly Lazy<byte[]> Wasm = new(() => WasiToolchain.Compile("dataops.c"));

    /// <summary>A runtime serving dataops with these data imports.</summary>
    public static async Task<RuntimeServer> StartAsync(DataImportSettings imports, Func<RuntimeSettings, RuntimeSettings>? configure = null)
    {
        var wasm = Wasm.Value; // skips, saying why, when the C toolchain is missing
        var server = await RuntimeServer.StartAsync(configure: configure, dataImports: imports);
        server.Modules.Write("dataops.wasm", wasm);
        await server.WaitForModuleAsync("dataops");
        return server;
    }

    public static DataImportSettings Redis(string url, int poolMax = DataImportVariables.DefaultRedisPoolMax) =>
        DataImportSettings.Disabled with { Redis = DataImportSettingsParser.ParseRedis("REDIS_URL", url).Endpoint, RedisPoolMax = poolMax };

    public static DataImportSettings Postgres(string url, int poolMax = DataImportVariables.DefaultPostgresPoolMax) =>
        DataImportSettings.Disabled with { Postgres = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", url).Endpoint, PostgresPoolMax = poolMax };

    /// <summary>Runs the operations; the run must complete; returns its stdout lines.</summary>
    public static async Task<string[]> RunAsync(this RuntimeServer server, params string[] operations)
    {
        var response = await server.PostRunAsync(new { args = operations }, "dataops");
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        json["exit_code"]!.GetValue<int>().Should().Be(0, json.ToJsonString());
        return json["stdout"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The run's answer, whatever it is (for deadlines).</summary>
    public static Task<HttpResponseMessage> PostAsync(this RuntimeServer server, int? timeoutMs, params string[] operations) =>
        server.PostRunAsync(timeoutMs is null ? new { args = operations } : new { args = operations, timeout_ms = timeoutMs }, "dataops");
}
