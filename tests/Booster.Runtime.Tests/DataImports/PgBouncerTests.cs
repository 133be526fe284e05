using System.Diagnostics;
using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>bosbase_postgres through a real pgbouncer in transaction mode, as deployments put it in front of PostgreSQL.</summary>
public sealed class PgBouncerTests(DataServersFixture servers) : IClassFixture<DataServersFixture>
{
    [SkippableFact]
    public async Task EveryCallWorksThroughPgBouncerInTransactionMode()
    {
        var bouncer = servers.Ready().PgBouncer;
        await using var server = await DataOps.StartAsync(DataOps.Postgres(bouncer.Url, poolMax: 2));

        (await server.RunAsync(
                "exec", "CREATE TABLE pooled (n int)",
                "exec", "INSERT INTO pooled SELECT generate_series(1, 3)",
                "query", "SELECT sum(n) AS total FROM pooled", "64",
                "exec", "DROP TABLE pooled"))
            .Should().Equal("exec rc=0", "exec rc=3", """query rc=13 value=[{"total":6}]""", "exec rc=0");
        bouncer.Log.Should().NotContain("unsupported startup parameter");
    }

    [SkippableFact]
    public async Task ADeadlineCancelsTheStatementOnTheServerThroughPgBouncer()
    {
        var (postgres, bouncer) = (servers.Ready().Postgres, servers.PgBouncer);
        await using var server = await DataOps.StartAsync(DataOps.Postgres(bouncer.Url, poolMax: 2));

        var started = Stopwatch.StartNew();
        var run = await server.PostAsync(800, "exec", "SELECT pg_sleep(30)");

        run.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        (await run.ErrorAsync()).Code.Should().Be("timeout");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        // The cancel request went through pgbouncer to the server: the statement is gone long before its 30 s.
        await Eventually.True(() => postgres.Psql("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'").Trim() == "0",
            timeout: TimeSpan.FromSeconds(10));
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        (await server.RunAsync("query", "SELECT 1 AS one", "64")).Should().Equal("""query rc=11 value=[{"one":1}]""");
    }
}
