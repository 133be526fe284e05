using Booster.Contract;
using Prometheus;
using Wasmtime;

namespace Booster.Runtime.DataImports;

/// <summary>
/// The guest data imports of the original booster — <c>bosbase_redis</c> and
/// <c>bosbase_postgres</c> — with their backends, defined on the engine's linker so that modules
/// importing them load and run. An import without its URL is defined all the same and answers
/// its error codes.
/// </summary>
internal sealed partial class DataImportHost : IDisposable
{
    private readonly RedisBackend? _redis;
    private readonly PostgresBackend? _postgres;
    private readonly RedisImports _redisImports;
    private readonly PostgresImports _postgresImports;

    public DataImportsInfo Info { get; }

    /// <summary>The backends each module's calls reach, from its settings.</summary>
    public DataImportGrants Grants { get; }

    /// <param name="settings">Endpoints and pool sizes.</param>
    /// <param name="statementTimeoutMs">The longest execution (BOOSTER_TIMEOUT_MS): the client-side bound of every PostgreSQL statement.</param>
    /// <param name="registry">Where the import metrics are registered.</param>
    public DataImportHost(DataImportSettings settings, int statementTimeoutMs, CollectorRegistry registry)
    {
        var metrics = new DataImportMetrics(registry);
        if (settings.Redis is { } redis) _redis = new RedisBackend(redis, settings.RedisPoolMax);
        if (settings.Postgres is { } postgres) _postgres = new PostgresBackend(postgres, settings.PostgresPoolMax, statementTimeoutMs);
        Grants = new DataImportGrants(_redis, _postgres, settings, statementTimeoutMs);
        _redisImports = new RedisImports(_redis, new ImportCalls(metrics, "redis", settings.Redis?.Host));
        _postgresImports = new PostgresImports(_postgres, new ImportCalls(metrics, "postgresql", settings.Postgres?.Host));
        Info = new DataImportsInfo(
            DataImportInfo.For(RedisImports.ModuleName, settings.Redis, settings.RedisPoolMax),
            DataImportInfo.For(PostgresImports.ModuleName, settings.Postgres, settings.PostgresPoolMax));
    }

    /// <summary>Logs what is enabled, once, and lets the backends log their failures from now on.</summary>
    public void UseLogging(ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Booster.Runtime.DataImports");
        if (_redis is not null) _redis.Health.Logger = logger;
        if (_postgres is not null) _postgres.Health.Logger = logger;
        Grants.UseLogger(logger);
        LogImports(logger, Info.Redis.Describe(), Info.Postgres.Describe());
    }

    /// <summary>Both imports off, for engines built without a configuration (tests, benchmarks).</summary>
    public static DataImportHost Disabled() =>
        new(DataImportSettings.Disabled, RuntimeSettings.Defaults.TimeoutMs, Metrics.NewCustomRegistry());

    public void Define(Linker linker)
    {
        _redisImports.Define(linker);
        _postgresImports.Define(linker);
    }

    public void Dispose()
    {
        Grants.Dispose();
        _redis?.Dispose();
        _postgres?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data imports: {Redis}; {Postgres}")]
    private static partial void LogImports(ILogger logger, string redis, string postgres);
}
