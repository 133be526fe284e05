using System.Diagnostics;
using System.Net;
using Booster.Runtime.Tests.Support;
using StackExchange.Redis;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// Backends that stop, hang or come back: calls answer error codes quickly, never hold a slot
/// past the execution's deadline, leak no connection, and work again once the backend is back.
/// The runtime stays ready throughout. Each test has servers of its own: it stops them.
/// </summary>
public class BackendFailureTests
{
    [SkippableFact]
    public async Task AStatementThatWouldOutliveTheDeadlineEndsTheRunAsATimeoutAndLeaksNoConnection()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var server = await DataOps.StartAsync(DataOps.Postgres(postgres.Url, poolMax: 2));

        // More stuck statements than the pool has connections, each cut at its run's deadline.
        var started = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => server.PostAsync(800, "exec", "SELECT pg_sleep(30)")));

        foreach (var run in runs)
        {
            run.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
            (await run.ErrorAsync()).Code.Should().Be("timeout");
        }
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "a pool wait is bounded by the deadline as well");
        server.InFlight().Should().Be(0);
        // The connections came back to the pool: with 2 of them, a leak would leave this waiting past its deadline.
        (await server.RunAsync("query", "SELECT 1 AS one", "64", "query", "SELECT 2 AS two", "64"))
            .Should().Equal("""query rc=11 value=[{"one":1}]""", """query rc=11 value=[{"two":2}]""");
        await Eventually.True(() => postgres.Psql("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'").Trim() == "0",
            timeout: TimeSpan.FromSeconds(10));
    }

    [SkippableFact]
    public async Task AHungRedisEndsTheRunAsATimeoutAndAnswersAgainOnceItResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await DataOps.StartAsync(DataOps.Redis(redis.Url));
        (await server.RunAsync("set", "hung", "v")).Should().Equal("set rc=0");

        redis.Pause();
        try
        {
            var started = Stopwatch.StartNew();
            var run = await server.PostAsync(800, "get", "hung", "64");

            run.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
            started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
            server.InFlight().Should().Be(0);
            (await server.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            redis.Resume();
        }
        (await server.RunAsync("get", "hung", "64")).Should().Equal("get rc=1 value=v");
    }

    [SkippableFact]
    public async Task RedisStoppedInTheMiddleOfARunAnswersErrorCodesAndIsReconnectedWhenBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await DataOps.StartAsync(DataOps.Redis(redis.Url));
        using var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},password={RedisServer.Password},abortConnect=false");

        var run = server.PostAsync(null, "set", "before", "1", "sleep", "1500", "set", "after", "2", "get", "before", "64", "exists", "before", "del", "before");
        await Eventually.True(() => client.GetDatabase().KeyExists("before"));
        await redis.StopAsync();
        var response = await run;

        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json["stdout"]!.GetValue<string>().Should().Be("set rc=0\nset rc=-1\nget rc=-4\nexists rc=-1\ndel rc=-1\n");
        json["duration_ms"]!.GetValue<double>().Should().BeLessThan(5000, "calls to a stopped backend fail fast");
        (await server.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "a data backend is not the runtime's health");

        await redis.StartAgainAsync();
        await Eventually.True(() => server.RunAsync("set", "back", "3").Result.SequenceEqual(["set rc=0"]), timeout: TimeSpan.FromSeconds(15));
    }

    [SkippableFact]
    public async Task PostgresStoppedInTheMiddleOfARunAnswersErrorCodesAndIsReconnectedWhenBack()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var server = await DataOps.StartAsync(DataOps.Postgres(postgres.Url, poolMax: 2));
        (await server.RunAsync("exec", "CREATE TABLE marks (n int)")).Should().Equal("exec rc=0");

        var run = server.PostAsync(null, "exec", "INSERT INTO marks VALUES (1)", "sleep", "1500", "exec", "INSERT INTO marks VALUES (2)",
            "query", "SELECT n FROM marks", "64");
        await Eventually.True(() => postgres.Psql("SELECT count(*) FROM marks", PostgresServer.Database).Trim() == "1");
        await postgres.StopAsync();
        var response = await run;

        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        json["stdout"]!.GetValue<string>().Should().Be("exec rc=1\nexec rc=-1\nquery rc=-1\n");
        json["duration_ms"]!.GetValue<double>().Should().BeLessThan(5000);
        (await server.Client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await postgres.StartAgainAsync();
        // The pool drops connections to the old server: the first run after the restart already succeeds.
        (await server.RunAsync("query", "SELECT n FROM marks", "64")).Should().Equal("""query rc=9 value=[{"n":1}]""");
    }
}
