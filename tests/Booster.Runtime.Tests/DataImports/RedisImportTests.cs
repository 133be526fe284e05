using Booster.Contract;
using System.Net;
using Booster.Runtime.Tests.Support;
using StackExchange.Redis;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>bosbase_redis on a real redis-server, reached by real executions over HTTP.</summary>
public sealed class RedisImportTests(DataServersFixture servers) : IClassFixture<DataServersFixture>, IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RuntimeServer _server = null!;
    private ConnectionMultiplexer? _client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }

    /// <summary>A client of its own, to see what the guests did.</summary>
    private IDatabase Db
    {
        get
        {
            _client ??= ConnectionMultiplexer.Connect($"127.0.0.1:{_redis.Port},password={RedisServer.Password}");
            return _client.GetDatabase(0);
        }
    }

    private void Ready()
    {
        servers.Ready();
        _redis = servers.Redis;
        _server = servers.Server;
    }

    [SkippableFact]
    public async Task SetGetExistsAndDelAnswerTheOriginalsCodes()
    {
        Ready();
        var lines = await _server.RunAsync("set", "k1", "hello", "get", "k1", "64", "exists", "k1", "del", "k1",
            "exists", "k1", "get", "k1", "64", "del", "k1");

        lines.Should().Equal("set rc=0", "get rc=5 value=hello", "exists rc=1", "del rc=1", "exists rc=0", "get rc=-1", "del rc=0");
    }

    [SkippableFact]
    public async Task WhatTheGuestStoresIsInRedisAndWhatRedisHoldsReachesTheGuest()
    {
        Ready();
        await _server.RunAsync("set", "shared:é", "from guest");
        ((string?)await Db.StringGetAsync("shared:é")).Should().Be("from guest");

        await Db.StringSetAsync("from-host", "written by a client");
        (await _server.RunAsync("get", "from-host", "100")).Should().Equal("get rc=19 value=written by a client");
    }

    [SkippableFact]
    public async Task SetExStoresWithItsTtlAndRefusesANegativeOrZeroTtl()
    {
        Ready();
        var lines = await _server.RunAsync("setex", "ttl-key", "v", "60", "setex", "ttl-neg", "v", "-1", "setex", "ttl-zero", "v", "0");

        lines.Should().Equal("setex rc=0", "setex rc=-2", "setex rc=-1");
        (await Db.KeyTimeToLiveAsync("ttl-key")).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        (await Db.KeyExistsAsync("ttl-neg")).Should().BeFalse("nothing is sent for a negative TTL");
    }

    [SkippableFact]
    public async Task AValueLargerThanTheBufferIsMinus2AndAnExactFitIsWritten()
    {
        Ready();
        await Db.StringSetAsync("ten", "0123456789");

        (await _server.RunAsync("get", "ten", "9", "get", "ten", "10", "get", "ten", "0"))
            .Should().Equal("get rc=-2", "get rc=10 value=0123456789", "get rc=-2");
    }

    [SkippableFact]
    public async Task ARedisErrorIsMinus4ForGetAndMinus1ForTheOthers()
    {
        Ready();
        await Db.ListLeftPushAsync("a-list", "x");

        (await _server.RunAsync("get", "a-list", "64")).Should().Equal("get rc=-4");
        await Db.StringSetAsync("big", "1");
        (await _server.RunAsync("setex", "big", "v", "9223372036854775807")).Should().Equal("setex rc=-1");
    }

    [SkippableFact]
    public async Task ValuesAreRawBytes()
    {
        Ready();
        // The value 00 ff 80 0a 41 is not UTF-8; it is stored and read back as it is.
        const string module = """
            (module
              (import "bosbase_redis" "redis_set" (func $redis_set (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "raw")
              (data (i32.const 32) "\00\ff\80\0a\41")
              (func (export "_start")
                (if (call $redis_set (i32.const 16) (i32.const 3) (i32.const 32) (i32.const 5)) (then unreachable))))
            """;
        _server.Modules.Write("rawbytes.wat", module);
        await _server.WaitForModuleAsync("rawbytes");

        var response = await _server.PostRunAsync(new { }, "rawbytes");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((byte[])(await Db.StringGetAsync("raw"))!).Should().Equal(0x00, 0xff, 0x80, 0x0a, 0x41);
    }

    [SkippableFact]
    public async Task InfoSaysWhereRedisIsWithoutThePassword()
    {
        Ready();
        var text = await _server.Client.GetStringAsync("/info");

        text.Should().NotContain(RedisServer.Password);
        var info = System.Text.Json.Nodes.JsonNode.Parse(text)!["data_imports"]!;
        info["redis"]!["enabled"]!.GetValue<bool>().Should().BeTrue();
        info["redis"]!["host"]!.GetValue<string>().Should().Be("127.0.0.1");
        info["redis"]!["port"]!.GetValue<int>().Should().Be(_redis.Port);
        info["redis"]!["database"]!.GetValue<string>().Should().Be("0");
        info["postgres"]!["enabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [SkippableFact]
    public async Task EveryCallIsCountedByFunctionAndOutcome()
    {
        Ready();
        await _server.RunAsync("get", "metrics-missing", "8", "set", "metrics-key", "v", "get", "metrics-key", "0");

        var metrics = await _server.Client.GetStringAsync("/metrics");
        metrics.Should().Contain("booster_data_import_calls_total{function=\"redis_get\",outcome=\"not_found\"}")
            .And.Contain("booster_data_import_calls_total{function=\"redis_get\",outcome=\"buffer_too_small\"}")
            .And.Contain("booster_data_import_call_duration_seconds_count{function=\"redis_set\",outcome=\"ok\"}")
            .And.NotContain(RedisServer.Password);
    }

    [SkippableFact]
    public async Task ARedisUserLimitedToTheDataCommandsAndAKeyPrefixIsEnough()
    {
        Ready();
        // The ACL the security advice of docs/data-imports.md recommends.
        DataServerProcess.Run("redis-cli", "-p", _redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-auth-warning",
            "-a", RedisServer.Password, "ACL", "SETUSER", "guest", "on", ">guest-pass", "~app:*", "+@connection", "+info",
            "+get", "+set", "+setex", "+exists", "+del");
        await using var server = await DataOps.StartAsync(DataOps.Redis($"redis://guest:guest-pass@127.0.0.1:{_redis.Port}"));

        (await server.RunAsync("set", "app:1", "v", "get", "app:1", "8", "setex", "app:2", "v", "9", "exists", "app:1", "del", "app:1", "set", "other", "v"))
            .Should().Equal("set rc=0", "get rc=1 value=v", "setex rc=0", "exists rc=1", "del rc=1", "set rc=-1");
    }

    [SkippableFact]
    public async Task AThousandConcurrentClientsOnAPoolOfEightAllSucceed()
    {
        Ready();
        servers.Postgres.Psql($"CREATE TABLE load (n int); GRANT ALL ON load TO {PostgresServer.User}", PostgresServer.Database);
        await using var server = await DataOps.StartAsync(
            DataOps.Redis(_redis.Url, poolMax: 8) with { Postgres = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", servers.Postgres.Url).Endpoint, PostgresPoolMax = 8 },
            s => s with { PoolMax = 8 });
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

        var runs = Enumerable.Range(0, 1000).Select(async i =>
        {
            var response = await client.PostAsync("/modules/dataops/run", new StringContent(
                $$"""{"args":["set","load:{{i}}","value-{{i}}","get","load:{{i}}","64","del","load:{{i}}","exec","INSERT INTO load VALUES ({{i}})"]}"""));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), i);
        });
        var results = await Task.WhenAll(runs);

        results.Where(r => r.StatusCode != HttpStatusCode.OK).Should().BeEmpty();
        results.Should().OnlyContain(r => r.Body.Contains($"set rc=0\\nget rc={$"value-{r.i}".Length} value=value-{r.i}\\ndel rc=1\\nexec rc=1\\n"));
        servers.Postgres.Psql("SELECT count(DISTINCT n) FROM load", PostgresServer.Database).Trim().Should().Be("1000");
    }
}
