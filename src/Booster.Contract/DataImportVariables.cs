namespace Booster.Contract;

/// <summary>
/// The variables that turn on the guest data imports. Their names are the original booster's
/// (no BOOSTER_ prefix on the URLs), so its deployments keep working. The operator writes the
/// URLs from Secrets; the runtime never prints their values.
/// </summary>
public static class DataImportVariables
{
    public const string RedisUrl = "REDIS_URL";
    public const string RedisPoolMax = "BOOSTER_REDIS_POOL_MAX";
    public const string PostgresUrl = "POSTGRES_URL";
    /// <summary>The original booster's first name for the PostgreSQL URL: read before <see cref="PostgresUrl"/>, which serves when it is unset.</summary>
    public const string PostgresUrlFallback = "SASSPB_POSTGRES_URL";
    public const string PostgresPoolMax = "BOOSTER_PG_POOL_MAX";

    public const int DefaultRedisPoolMax = 32;
    public const int DefaultPostgresPoolMax = 16;

    /// <summary>Inclusive range of both pool sizes.</summary>
    public static readonly SettingBounds.Range PoolMax = new(1, 1024);

    /// <summary>Every variable, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [RedisUrl, RedisPoolMax, PostgresUrl, PostgresUrlFallback, PostgresPoolMax];
}
