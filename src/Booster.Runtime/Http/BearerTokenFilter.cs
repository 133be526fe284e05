using System.Security.Cryptography;
using System.Text;
using Booster.Contract;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Http;

/// <summary>
/// With <c>BOOSTER_AUTH_TOKEN</c> set, the endpoints it guards answer 401 <c>unauthorized</c>
/// unless the request carries <c>Authorization: Bearer &lt;token&gt;</c>. Probes and scrapes
/// (<c>/health</c>, <c>/ready</c>, <c>/metrics</c>) are never guarded.
/// </summary>
internal static class BearerTokenFilter
{
    private const string Scheme = "Bearer ";

    /// <summary>Guards every endpoint of the group; without a token the group is left open.</summary>
    public static RouteGroupBuilder RequireBearerToken(this RouteGroupBuilder group, SecretText? token)
    {
        if (token is null) return group;
        // Compared as SHA-256 digests: equal lengths whatever was sent, so the time taken says
        // nothing about the token's length either.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Value));
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (Presents(context.Request.Headers.Authorization.ToString(), expected)) return await next(invocation);
            context.RequestServices.GetRequiredService<RuntimeMetrics>().Rejected("unauthorized");
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"booster\"";
            return ApiResults.Error(context, ErrorCode.Unauthorized,
                $"this runtime asks for a bearer token ({BoosterVariables.AuthToken}): send 'Authorization: Bearer <token>'");
        });
        return group;
    }

    private static bool Presents(string header, byte[] expectedDigest)
    {
        // The scheme is case-insensitive (RFC 9110); the token itself is compared exactly.
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(sent, expectedDigest);
    }
}
