using Booster.Contract;

namespace Booster.Runtime.DataImports;

/// <summary>
/// One data import as <c>/info</c> shows it: enabled or not, where it connects (the first host,
/// and every host in order), never its credentials.
/// </summary>
internal sealed record DataImportInfo(string Module, bool Enabled, string? Host, int? Port, string? Database, bool? Tls, int PoolMax,
    IReadOnlyList<string>? Hosts)
{
    public static DataImportInfo For(string module, DataEndpoint? endpoint, int poolMax) =>
        new(module, endpoint is not null, endpoint?.Host, endpoint?.Port, endpoint?.Database, endpoint?.Tls, poolMax,
            endpoint?.Hosts.Select(h => h.ToString()).ToList());

    /// <summary>For the start-up log line.</summary>
    public string Describe() => Enabled
        ? $"{Module} enabled ({string.Join(",", Hosts!)}{(Database is null ? "" : "/" + Database)}{(Tls == true ? ", TLS" : "")}, pool {PoolMax})"
        : $"{Module} disabled (every call answers its error code)";
}

/// <summary>Both data imports, for <c>/info</c>.</summary>
internal sealed record DataImportsInfo(DataImportInfo Redis, DataImportInfo Postgres);
