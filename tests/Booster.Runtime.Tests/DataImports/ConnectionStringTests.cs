using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>Connection strings of the forms the original accepts, each connecting to a real PostgreSQL 15.</summary>
public sealed class ConnectionStringTests(DataServersFixture servers) : IClassFixture<DataServersFixture>
{
    private async Task<string[]> QueryThroughAsync(string connectionString)
    {
        var (endpoint, error) = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", connectionString);
        error.Should().BeNull();
        await using var server = await DataOps.StartAsync(DataImportSettings.Disabled with { Postgres = endpoint, PostgresPoolMax = 1 });
        return await server.RunAsync("query", "SELECT current_user AS u, current_database() AS d, current_setting('application_name') AS a", "256");
    }

    [SkippableFact]
    public async Task TheKeyValueFormWithQuotedValuesConnects()
    {
        var postgres = servers.Ready().Postgres;

        (await QueryThroughAsync($"host=127.0.0.1 port={postgres.Port} user={PostgresServer.User} password='{PostgresServer.Password}' dbname={PostgresServer.Database} application_name='key value'"))
            .Should().Equal("""query rc=53 value=[{"a":"key value","d":"booster","u":"booster_guest"}]""");
    }

    [SkippableFact]
    public async Task AUnixSocketHostConnects()
    {
        var postgres = servers.Ready().Postgres;
        var socketDirectory = postgres.Psql("SHOW unix_socket_directories").Trim();

        (await QueryThroughAsync($"postgresql://{PostgresServer.User}@{Uri.EscapeDataString(socketDirectory)}:{postgres.Port}/{PostgresServer.Database}"))
            .Should().Equal("""query rc=44 value=[{"a":"","d":"booster","u":"booster_guest"}]""");
    }

    [SkippableFact]
    public async Task WithSeveralHostsTheNextIsTriedWhenOneIsDown()
    {
        var postgres = servers.Ready().Postgres;
        var closed = Loopback.FreePort();

        (await QueryThroughAsync($"postgres://{PostgresServer.User}:{PostgresServer.Password}@127.0.0.1:{closed},127.0.0.1:{postgres.Port}/{PostgresServer.Database}?connect_timeout=2&options=-c%20application_name%3Dvia-options"))
            .Should().Equal("""query rc=55 value=[{"a":"via-options","d":"booster","u":"booster_guest"}]""");
    }
}
