using System.Globalization;
using Booster.Contract;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// Where <c>spec.capabilities</c> becomes the runtime's data-import variables. A URL carries a
/// password, so it reaches the container only as a reference to its Secret
/// (<c>valueFrom.secretKeyRef</c>): the operator never reads it, and it is never in the
/// Deployment. A Secret that changes reaches the pods when they restart.
/// </summary>
internal static class CapabilitiesEnv
{
    /// <summary>The spec field that sets each variable, for the error that rejects it in <c>spec.env</c>.</summary>
    public static IReadOnlyDictionary<string, string> SpecFieldOf { get; } = new Dictionary<string, string>
    {
        [DataImportVariables.RedisUrl] = "spec.capabilities.redis.urlSecretRef",
        [DataImportVariables.RedisPoolMax] = "spec.capabilities.redis.poolMax",
        [DataImportVariables.PostgresUrl] = "spec.capabilities.postgres.urlSecretRef",
        [DataImportVariables.PostgresUrlFallback] = "spec.capabilities.postgres.urlSecretRef",
        [DataImportVariables.PostgresPoolMax] = "spec.capabilities.postgres.poolMax",
    };

    public static IEnumerable<V1EnvVar> Build(CapabilitiesSpec? capabilities) =>
        For(capabilities?.Redis, DataImportVariables.RedisUrl, DataImportVariables.RedisPoolMax)
            .Concat(For(capabilities?.Postgres, DataImportVariables.PostgresUrl, DataImportVariables.PostgresPoolMax));

    private static IEnumerable<V1EnvVar> For(DataCapabilitySpec? capability, string urlVariable, string poolVariable)
    {
        if (capability?.UrlSecretRef is not { } secret) yield break;
        yield return SecretEnvVar.From(urlVariable, secret);
        if (capability.PoolMax is { } poolMax)
            yield return new V1EnvVar { Name = poolVariable, Value = poolMax.ToString(CultureInfo.InvariantCulture) };
    }
}
