using System.Collections.Concurrent;
using Booster.Contract;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Turns a module's grants into the backends its calls reach: none when denied, the runtime's
/// (REDIS_URL, SASSPB_POSTGRES_URL) by default, or the module's own connection pool for a
/// <c>urlEnv</c> variable. A variable's pool is made once and kept for the process's life: the
/// environment cannot change under a running process, and runs that started with a pool may
/// still use it after a reload stops naming it.
/// </summary>
internal sealed class DataImportGrants(
    RedisBackend? runtimeRedis, PostgresBackend? runtimePostgres, DataImportSettings settings, int statementTimeoutMs) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RedisBackend>> _redis = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<PostgresBackend>> _postgres = new(StringComparer.Ordinal);
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>A module without settings: the runtime's backends, keys unchanged.</summary>
    public DataImportGrant Runtime { get; } = new(runtimeRedis, null, runtimePostgres);

    public DataImportGrant For(ImportGrant redis, ImportGrant postgres)
    {
        var redisBackend = !redis.Allowed ? null
            : redis is { UrlEnv: { } redisVariable, Endpoint: { } redisEndpoint }
                ? Own(_redis, redisVariable, () => new RedisBackend(redisEndpoint, settings.RedisPoolMax))
                : runtimeRedis;
        var postgresBackend = !postgres.Allowed ? null
            : postgres is { UrlEnv: { } postgresVariable, Endpoint: { } postgresEndpoint }
                ? Own(_postgres, postgresVariable, () => new PostgresBackend(postgresEndpoint, settings.PostgresPoolMax, statementTimeoutMs))
                : runtimePostgres;
        // A denied Redis sends nothing, so it has no prefix to show either.
        return new DataImportGrant(redisBackend, redis.Allowed ? redis.KeyPrefix : null, postgresBackend);
    }

    /// <summary>The own backends log their failures from now on, as the runtime's do.</summary>
    public void UseLogger(ILogger logger)
    {
        _logger = logger;
        foreach (var own in _redis.Values.Where(b => b.IsValueCreated)) own.Value.Health.Logger = logger;
        foreach (var own in _postgres.Values.Where(b => b.IsValueCreated)) own.Value.Health.Logger = logger;
    }

    private T Own<T>(ConcurrentDictionary<string, Lazy<T>> pools, string variable, Func<T> create) where T : IDataBackend
    {
        var backend = pools.GetOrAdd(variable, _ => new Lazy<T>(create)).Value;
        backend.Health.Logger = _logger;
        return backend;
    }

    public void Dispose()
    {
        foreach (var own in _redis.Values.Where(b => b.IsValueCreated)) own.Value.Dispose();
        foreach (var own in _postgres.Values.Where(b => b.IsValueCreated)) own.Value.Dispose();
    }
}
