using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>bosbase_postgres on a real PostgreSQL 15, reached by real executions over HTTP.</summary>
public sealed class PostgresImportTests(DataServersFixture servers) : IClassFixture<DataServersFixture>
{
    private RuntimeServer _server = null!;

    private void Ready() => _server = servers.Ready().Server;

    [SkippableFact]
    public async Task ExecReturnsRowsAffectedAndQueryReturnsRowsAsJson()
    {
        Ready();
        var lines = await _server.RunAsync(
            "exec", "CREATE TABLE demo (id serial PRIMARY KEY, name text NOT NULL)",
            "exec", "INSERT INTO demo (name) VALUES ('a'), ('b'), ('c')",
            "exec", "UPDATE demo SET name = name || '!' WHERE name <> 'c'",
            "query", "SELECT id, name FROM demo ORDER BY id", "4096",
            "exec", "DELETE FROM demo",
            "query", "SELECT * FROM demo", "16");

        lines.Should().Equal("exec rc=0", "exec rc=3", "exec rc=2",
            """query rc=63 value=[{"id":1,"name":"a!"},{"id":2,"name":"b!"},{"id":3,"name":"c"}]""", "exec rc=3", "query rc=2 value=[]");
    }

    [SkippableFact]
    public async Task ValuesAreWrittenAsTheirJsonCounterparts()
    {
        Ready();
        var sql = """
            SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 1.5::float4 AS d, 2.25::float8 AS e,
                   12.340::numeric AS f, true AS g, 'tëxt'::text AS h, '{"x": [1, 2]}'::jsonb AS i, '{"y":null}'::json AS j,
                   '2024-01-02 03:04:05.123'::timestamp AS k, '2024-01-02 03:04:05+02'::timestamptz AS l, '\x0001ff'::bytea AS m,
                   NULL::text AS n, '2024-01-02'::date AS o, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS p,
                   ARRAY[1, 2] AS q, 'NaN'::float8 AS r, '12:30:00'::time AS s, 'x'::varchar AS dup, 'last'::text AS dup
            """;

        var line = (await _server.RunAsync("query", sql, "4096")).Single();

        var row = JsonNode.Parse(line[(line.IndexOf("value=", StringComparison.Ordinal) + 6)..])!.AsArray().Single()!.AsObject();
        row["a"]!.GetValue<int>().Should().Be(1);
        row["b"]!.GetValue<int>().Should().Be(2);
        row["c"]!.GetValue<long>().Should().Be(9007199254740993);
        row["d"]!.GetValue<double>().Should().Be(1.5);
        row["e"]!.GetValue<double>().Should().Be(2.25);
        row["f"]!.GetValue<decimal>().Should().Be(12.34m);
        row["g"]!.GetValue<bool>().Should().BeTrue();
        row["h"]!.GetValue<string>().Should().Be("tëxt");
        row["i"]!.ToJsonString().Should().Be("""{"x":[1,2]}""");
        row["j"]!.ToJsonString().Should().Be("""{"y":null}""");
        row["k"]!.GetValue<string>().Should().Be("2024-01-02T03:04:05.123");
        row["l"]!.GetValue<string>().Should().Be("2024-01-02T01:04:05Z");
        row["m"]!.GetValue<string>().Should().Be(Convert.ToBase64String([0x00, 0x01, 0xff]));
        row.ContainsKey("n").Should().BeTrue();
        row["n"].Should().BeNull();
        row["o"]!.GetValue<string>().Should().Be("2024-01-02");
        row["p"]!.GetValue<string>().Should().Be("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        row["q"]!.ToJsonString().Should().Be("[1,2]");
        row["r"]!.GetValue<string>().Should().Be("NaN");
        row["s"]!.GetValue<string>().Should().Be("12:30:00");
        row["dup"]!.GetValue<string>().Should().Be("last", "a repeated column name keeps its last value, as a map would");
    }

    [SkippableFact]
    public async Task ABufferTooSmallIsMinus2AndNothingPastItIsWritten()
    {
        Ready();
        var lines = await _server.RunAsync("query", "SELECT generate_series(1, 1000) AS n", "64",
            "query", "SELECT 1 AS n", "8", "query", "SELECT 1 AS n", "9");

        lines.Should().Equal("query rc=-2", "query rc=-2", """query rc=9 value=[{"n":1}]""");
    }

    [SkippableFact]
    public async Task BadSqlIsMinus1AndTheNextCallWorks()
    {
        Ready();
        (await _server.RunAsync("exec", "SELEKT nonsense", "query", "SELECT * FROM no_such_table", "64", "query", "SELECT 2 AS two", "64"))
            .Should().Equal("exec rc=-1", "query rc=-1", """query rc=11 value=[{"two":2}]""");
    }

    [SkippableFact]
    public async Task ExecOfAStatementThatModifiesNoRowsIsZeroAsInTheOriginal()
    {
        Ready();

        (await _server.RunAsync("exec", "SELECT generate_series(1, 3)", "exec", "SET application_name = 'x'"))
            .Should().Equal("exec rc=0", "exec rc=0");
    }

    [SkippableFact]
    public async Task EverySessionCarriesTheLongestExecutionAsItsStatementTimeout()
    {
        Ready();

        (await _server.RunAsync("query", "SHOW statement_timeout", "64")).Should().Equal("""query rc=29 value=[{"statement_timeout":"10s"}]""");
    }

    [SkippableFact]
    public async Task InfoSaysWherePostgresIsWithoutThePassword()
    {
        Ready();
        var text = await _server.Client.GetStringAsync("/info");

        text.Should().NotContain(PostgresServer.Password);
        var postgres = JsonNode.Parse(text)!["data_imports"]!["postgres"]!;
        postgres["enabled"]!.GetValue<bool>().Should().BeTrue();
        postgres["database"]!.GetValue<string>().Should().Be(PostgresServer.Database);
        postgres["pool_max"]!.GetValue<int>().Should().Be(4);
    }
}
