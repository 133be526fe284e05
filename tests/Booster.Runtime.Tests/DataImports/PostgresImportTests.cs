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
    public async Task QueryJsonIsByteForByteTheOriginalsSortedKeysAndSerdeEscaping()
    {
        Ready();

        var line = (await _server.RunAsync("query", "select 'O''Brien <&> +' as zname, 'José 日本' as aname, 1 as mid", "58")).Single();

        // The original's answer for this query (booster/src/postgres.rs: BTreeMap rows, serde_json::to_vec): 58 bytes.
        line.Should().Be("""query rc=58 value=[{"aname":"José 日本","mid":1,"zname":"O'Brien <&> +"}]""");
    }

    [SkippableFact]
    public async Task TypesTheOriginalDecodesAreWrittenAsItWritesThem()
    {
        Ready();
        var sql = """
            SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 0.1::float4 AS d, 2.25::float8 AS e, true AS g,
                   'tëxt'::text AS h, '{"x": [1, 2.50], "a": {"z": 1, "b": null}}'::jsonb AS i, '{"y":null, "b" : 1e2}'::json AS j,
                   '\x0001ff'::bytea AS m, NULL::text AS n, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS p,
                   'NaN'::float8 AS r, '-Infinity'::float4 AS r2, 'x'::varchar AS dup, 'last'::text AS dup, 'pad'::char(4) AS bp, 'nm'::name AS nm
            """;

        var line = (await _server.RunAsync("query", sql, "4096")).Single();

        line.Should().Be("""query rc=271 value=[{"a":1,"b":2,"bp":"pad ","c":9007199254740993,"d":0.10000000149011612,"dup":"last","e":2.25,"g":true,"h":"tëxt","i":{"a":{"b":null,"z":1},"x":[1,2.5]},"j":{"b":100.0,"y":null},"m":"AAH/","n":null,"nm":"nm","p":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","r":null,"r2":null}]""");
    }

    [SkippableFact]
    public async Task TypesTheOriginalLeavesNullAreDecodedAsTheDocumentedDifference()
    {
        Ready();
        var sql = """
            SELECT 12.340::numeric AS f, '2024-01-02 03:04:05.123'::timestamp AS k, '2024-01-02 03:04:05+02'::timestamptz AS l,
                   '2024-01-02'::date AS o, ARRAY[1, 2] AS q, '12:30:00'::time AS s, 'NaN'::numeric AS t, ARRAY[1.5::float8, 'NaN'] AS u
            """;

        (await _server.RunAsync("query", sql, "4096")).Single().Should().Be(
            """query rc=137 value=[{"f":12.340,"k":"2024-01-02T03:04:05.123","l":"2024-01-02T01:04:05Z","o":"2024-01-02","q":[1,2],"s":"12:30:00","t":null,"u":[1.5,null]}]""");
    }

    [SkippableFact]
    public async Task EmptySqlIsZeroForExecAndAnEmptyArrayForQueryAsTheServerAnswersAnEmptyQuery()
    {
        Ready();

        (await _server.RunAsync("exec", "", "exec", "  ", "exec", "-- a comment", "exec", ";", "query", "", "8", "query", "/* c */", "8"))
            .Should().Equal("exec rc=0", "exec rc=0", "exec rc=0", "exec rc=0", "query rc=2 value=[]", "query rc=2 value=[]");
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
    public async Task ExecCountsTheCommandTagWhateverTheStatementAsTheOriginalDoes()
    {
        Ready();

        // tokio-postgres's execute returns the last number of the command tag: SELECT 3, SELECT 2 (CREATE TABLE AS), FETCH 2; none for SET.
        (await _server.RunAsync(
                "exec", "select 1 union all select 2 union all select 3",
                "exec", "CREATE TABLE tagged AS SELECT generate_series(1, 2) AS n",
                "exec", "SET application_name = 'x'",
                "exec", "BEGIN; DECLARE c CURSOR FOR SELECT * FROM tagged; FETCH 2 FROM c; COMMIT",
                "exec", "DROP TABLE tagged"))
            .Should().Equal("exec rc=3", "exec rc=2", "exec rc=0", "exec rc=2", "exec rc=0");
    }

    [SkippableFact]
    public async Task NoStartupParameterIsSentSoTheServersDefaultsHold()
    {
        Ready();

        (await _server.RunAsync("query", "SELECT current_setting('statement_timeout') AS t, current_setting('application_name') AS a", "64"))
            .Should().Equal("""query rc=18 value=[{"a":"","t":"0"}]""");
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
        postgres["hosts"]!.AsArray().Select(h => h!.GetValue<string>()).Should().Equal($"127.0.0.1:{servers.Postgres.Port}");
    }
}
