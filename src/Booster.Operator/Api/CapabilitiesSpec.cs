using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>Host imports the guests may use beyond WASI: the original booster's data imports.</summary>
internal sealed class CapabilitiesSpec
{
    /// <summary><c>bosbase_redis</c>: REDIS_URL and BOOSTER_REDIS_POOL_MAX.</summary>
    [JsonPropertyName("redis")]
    public DataCapabilitySpec? Redis { get; set; }

    /// <summary><c>bosbase_postgres</c>: POSTGRES_URL and BOOSTER_PG_POOL_MAX.</summary>
    [JsonPropertyName("postgres")]
    public DataCapabilitySpec? Postgres { get; set; }
}
