namespace Booster.Contract;

/// <summary>The data imports as configured: an endpoint (null: that import answers its error codes) and a pool size each.</summary>
public sealed record DataImportSettings(DataEndpoint? Redis, int RedisPoolMax, DataEndpoint? Postgres, int PostgresPoolMax)
{
    /// <summary>Both imports off: every call answers its error code.</summary>
    public static DataImportSettings Disabled { get; } =
        new(null, DataImportVariables.DefaultRedisPoolMax, null, DataImportVariables.DefaultPostgresPoolMax);
}
