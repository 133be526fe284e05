using Booster.Contract;

namespace Booster.Runtime.DataImports;

/// <summary>One data import as <c>/info</c> shows it: enabled or not, where it connects, never its credentials.</summary>
internal sealed record DataImportInfo(string Module, bool Enabled, string? Host, int? Port, string? Database, bool? Tls, int PoolMax)
{
    public static DataImportInfo For(string module, DataEndpoint? endpoint, int poolMax) =>
        new(module, endpoint is not null, endpoint?.Host, endpoint?.Port, endpoint?.Database, endpoint?.Tls, poolMax);

    /// <summary>For the start-up log line.</summary>
    public string Describe() => Enabled
        ? $"{Module} enabled ({Host}:{Port}{(Database is null ? "" : "/" + Database)}{(Tls == true ? ", TLS" : "")}, pool {PoolMax})"
        : $"{Module} disabled (every call answers its error code)";
}

/// <summary>Both data imports, for <c>/info</c>.</summary>
internal sealed record DataImportsInfo(DataImportInfo Redis, DataImportInfo Postgres);
