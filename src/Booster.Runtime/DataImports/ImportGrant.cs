using Booster.Contract;

namespace Booster.Runtime.DataImports;

/// <summary>
/// What a module may do with one data import: denied (<c>false</c> in the file: it behaves as
/// disabled, nothing is sent), the runtime's connection, or its own connection from the
/// variable <see cref="UrlEnv"/>; with Redis, every key it names may carry <see cref="KeyPrefix"/>.
/// </summary>
/// <param name="Endpoint">Parsed from <see cref="UrlEnv"/>'s value; holds credentials, so it is never shown.</param>
internal sealed record ImportGrant(bool Allowed, string? KeyPrefix = null, string? UrlEnv = null, DataEndpoint? Endpoint = null)
{
    /// <summary>The runtime's connection, keys as the guest names them (a module without settings, as in the original).</summary>
    public static ImportGrant Runtime { get; } = new(true);

    public static ImportGrant Denied { get; } = new(false);
}
