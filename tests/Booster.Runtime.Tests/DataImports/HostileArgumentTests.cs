using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;
using static Booster.Runtime.Tests.DataImports.ImportCallsWat;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// Bad pointers and lengths, and text that is not UTF-8, answer the original's codes, with the
/// backends up — and nothing reaches the backends. One documented difference: an output range
/// outside memory is refused (-3) before anything is sent, where the original sends the command
/// first and answers what it got (-1 for a missing key, -2 for a result longer than out_len) or,
/// when the result fits in memory after all, writes it.
/// </summary>
public sealed class HostileArgumentTests(DataServersFixture servers) : IClassFixture<DataServersFixture>
{
    private RedisServer _redis = null!;
    private PostgresServer _postgres = null!;
    private RuntimeServer _server = null!;

    /// <summary>The fixture's servers are this class's alone, so what reached them is what these tests sent.</summary>
    private void Ready()
    {
        servers.Ready();
        (_redis, _postgres, _server) = (servers.Redis, servers.Postgres, servers.Server);
        _postgres.Psql("CREATE TABLE IF NOT EXISTS hits (n int); GRANT ALL ON hits TO " + PostgresServer.User, PostgresServer.Database);
    }

    private async Task<string> RunAsync(string name, string module)
    {
        _server.Modules.Write(name + ".wat", module);
        await _server.WaitForModuleAsync(name);
        var response = await _server.PostRunAsync(new { }, name);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        return json["stdout"]!.GetValue<string>();
    }

    [SkippableFact]
    public async Task RedisCallsWithBadPointersLengthsOrKeysAnswerTheirCodesAndSendNothing()
    {
        Ready();
        var before = RedisDataCommands();
        var output = await RunAsync("hostile_redis", Module(
            ("redis_get", [-1, 1, 100, 10]), ("redis_get", [Key, -1, 100, 10]), ("redis_get", [PageEnd - 4, 10, 100, 10]),
            ("redis_get", [int.MaxValue, int.MaxValue, 100, 10]), ("redis_get", [NotUtf8, 2, 100, 10]),
            ("redis_get", [Key, 1, -5, 10]), ("redis_get", [Key, 1, PageEnd - 50, 100]), ("redis_get", [Key, 1, 100, -1]),
            ("redis_set", [-1, 1, 100, 1]), ("redis_set", [Key, 1, -1, 1]), ("redis_set", [Key, 1, PageEnd - 10, 1000]),
            ("redis_set", [NotUtf8, 2, 100, 1]), ("redis_set", [Key, 1, 100, -1]),
            ("redis_set_ex", [Key, 1, 100, 1, -1]), ("redis_set_ex", [Key, 1, PageEnd, 1, 60]), ("redis_set_ex", [NotUtf8, 2, 100, 1, 60]),
            ("redis_exists", [-1, 1]), ("redis_exists", [PageEnd - 1, 2]), ("redis_exists", [NotUtf8, 2]),
            ("redis_del", [Key, -1]), ("redis_del", [NotUtf8, 2])));

        output.Should().Be(Codes(-3, -3, -3, -3, -3, -3, -3, -3, -2, -2, -2, -2, -2, -2, -2, -2, -1, -1, -1, -1, -1));
        RedisDataCommands().Should().Equal(before, "no command reached Redis");
    }

    /// <summary>The data commands Redis has served so far (INFO commandstats).</summary>
    private List<string> RedisDataCommands() =>
        DataServerProcess.Run("redis-cli", "-p", _redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--no-auth-warning", "-a", RedisServer.Password, "info", "commandstats")
            .Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.Split(':')[0] is "cmdstat_get" or "cmdstat_set" or "cmdstat_setex" or "cmdstat_exists" or "cmdstat_del")
            .Select(l => l.Split(',')[0]).Order().ToList();

    private string Hits() => _postgres.Psql("SELECT count(*) FROM hits", PostgresServer.Database).Trim();

    [SkippableFact]
    public async Task PostgresCallsWithBadPointersLengthsOrSqlAnswerTheirCodesAndSendNothing()
    {
        Ready();
        var before = Hits();
        var output = await RunAsync("hostile_pg", Module(
            ("pg_exec", [-1, 1]), ("pg_exec", [Insert, -1]), ("pg_exec", [PageEnd - 10, InsertLength]), ("pg_exec", [NotUtf8, 2]),
            ("pg_query", [-1, 1, 100, 10]), ("pg_query", [NotUtf8, 2, 100, 10]),
            // A valid INSERT with an output buffer out of memory: refused before it is sent (the original runs it first).
            ("pg_query", [Insert, InsertLength, -1, 10]), ("pg_query", [Insert, InsertLength, PageEnd - 10, 100]),
            ("pg_query", [Insert, InsertLength, 100, -1])));

        output.Should().Be(Codes(-2, -2, -2, -2, -3, -3, -3, -3, -3));
        Hits().Should().Be(before, "the INSERT was not sent");
    }

    [SkippableFact]
    public async Task TheSameCallsWithGoodArgumentsReachTheBackends()
    {
        Ready();
        var before = int.Parse(Hits(), System.Globalization.CultureInfo.InvariantCulture);
        // The guard of the two tests above: the statement and keys they use do work.
        var output = await RunAsync("friendly", Module(("pg_exec", [Insert, InsertLength]), ("redis_set", [Key, 1, Key, 1]), ("redis_exists", [Key, 1])));

        output.Should().Be(Codes(1, 0, 1));
        Hits().Should().Be((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
