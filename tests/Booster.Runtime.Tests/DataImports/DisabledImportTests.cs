using System.Net;
using Booster.Runtime.Tests.Support;
using static Booster.Runtime.Tests.DataImports.ImportCallsWat;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>Without REDIS_URL and POSTGRES_URL, modules that import the data functions load and run; every call answers its error code.</summary>
public class DisabledImportTests
{
    [Fact]
    public async Task EveryCallAnswersItsErrorCodeAndInfoSaysDisabled()
    {
        await using var server = await RuntimeServer.StartAsync(new Dictionary<string, string>
        {
            ["calls.wat"] = Module(("redis_get", [Key, 1, 100, 10]), ("redis_set", [Key, 1, Key, 1]), ("redis_set_ex", [Key, 1, Key, 1, 60]),
                ("redis_exists", [Key, 1]), ("redis_del", [Key, 1]), ("pg_exec", [Insert, InsertLength]), ("pg_query", [Insert, InsertLength, 100, 10])),
        });

        var response = await server.PostRunAsync(new { }, "calls");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.JsonAsync())["stdout"]!.GetValue<string>().Should().Be(Codes(-4, -1, -1, -1, -1, -1, -1));
        var info = System.Text.Json.Nodes.JsonNode.Parse(await server.Client.GetStringAsync("/info"))!["data_imports"]!;
        info["redis"]!["enabled"]!.GetValue<bool>().Should().BeFalse();
        info["postgres"]!["enabled"]!.GetValue<bool>().Should().BeFalse();
        (await server.Client.GetStringAsync("/metrics")).Should().Contain("booster_data_import_calls_total{function=\"pg_query\",outcome=\"disabled\"} 1");
    }
}
