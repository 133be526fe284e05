namespace Booster.Runtime.DataImports;

/// <summary>
/// What one execution's data import calls reach: a Redis and a PostgreSQL backend (null: that
/// import behaves as disabled, nothing is sent) and the prefix put before every Redis key the
/// guest names. Chosen per module from its settings (<see cref="DataImportGrants"/>).
/// </summary>
internal sealed record DataImportGrant(RedisBackend? Redis, string? KeyPrefix, PostgresBackend? Postgres)
{
    /// <summary>The key sent for the key the guest named.</summary>
    public string Key(string guestKey) => KeyPrefix is null ? guestKey : KeyPrefix + guestKey;
}
