using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>A module's grants of the data imports; an import left out keeps the pool's (<c>spec.capabilities</c>).</summary>
internal sealed class ModuleDataImportsSpec
{
    /// <summary><c>bosbase_redis</c> for this module.</summary>
    [JsonPropertyName("redis")]
    public ModuleRedisGrant? Redis { get; set; }

    /// <summary><c>bosbase_postgres</c> for this module.</summary>
    [JsonPropertyName("postgres")]
    public ModulePostgresGrant? Postgres { get; set; }
}
