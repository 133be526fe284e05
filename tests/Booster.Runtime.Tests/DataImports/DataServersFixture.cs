using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// A redis-server, a PostgreSQL cluster with pgbouncer in front, and a runtime serving dataops with both imports, shared
/// by the tests of one class (starting PostgreSQL takes seconds). When a server or the C
/// toolchain is missing, nothing starts and each test skips, saying why.
/// </summary>
public class DataServersFixture : IAsyncLifetime
{
    private string? _problem;

    internal RedisServer Redis { get; private set; } = null!;
    internal PostgresServer Postgres { get; private set; } = null!;
    /// <summary>pgbouncer in transaction mode in front of <see cref="Postgres"/>.</summary>
    internal PgBouncerServer PgBouncer { get; private set; } = null!;
    internal RuntimeServer Server { get; private set; } = null!;

    /// <summary>Call first in every test.</summary>
    internal DataServersFixture Ready()
    {
        TestTools.SkipIfMissing(_problem);
        return this;
    }

    public async Task InitializeAsync()
    {
        _problem = RedisServer.Problem ?? PostgresServer.Problem ?? PgBouncerServer.Problem ?? WasiToolchain.Problem;
        if (_problem is not null) return;
        Redis = await RedisServer.StartAsync();
        Postgres = await PostgresServer.StartAsync();
        PgBouncer = await PgBouncerServer.StartAsync(Postgres);
        Server = await StartRuntimeAsync(new DataImportSettings(
            DataImportSettingsParser.ParseRedis("REDIS_URL", Redis.Url).Endpoint, 8, DataImportSettingsParser.ParsePostgres("POSTGRES_URL", Postgres.Url).Endpoint, 4));
    }

    /// <summary>The runtime the tests use, with both servers as its data imports.</summary>
    private protected virtual Task<RuntimeServer> StartRuntimeAsync(DataImportSettings imports) => DataOps.StartAsync(imports);

    public virtual async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (PgBouncer is not null) await PgBouncer.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
    }
}
