using System.Globalization;
using Booster.Contract;
using Npgsql;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Npgsql's connection string for an endpoint parsed from a <c>postgres://</c> URL (Npgsql reads
/// key=value pairs, not URLs). Pure. Every statement carries a server-side statement timeout of
/// the longest execution, and the client cancels at the execution's own deadline.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>Longest wait to establish a new connection, in seconds.</summary>
    public const int ConnectTimeoutSeconds = 5;

    public static string For(DataEndpoint endpoint, int poolMax, int statementTimeoutMs)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            Database = endpoint.Database,
            Username = endpoint.User,
            Password = endpoint.Password,
            ApplicationName = endpoint.Options.GetValueOrDefault("application_name", "booster"),
            MinPoolSize = 0,
            MaxPoolSize = poolMax,
            Timeout = ConnectTimeoutSeconds,
            // The client-side bound: the execution's deadline cancels before this fires.
            CommandTimeout = (int)Math.Ceiling(statementTimeoutMs / 1000.0) + 1,
            // Bounds how long a cancelled statement may keep its connection busy.
            CancellationTimeout = 1000,
            Options = "-c statement_timeout=" + statementTimeoutMs.ToString(CultureInfo.InvariantCulture),
            // Server error details can hold row data; guests get a code, logs get the message only.
            IncludeErrorDetail = false,
        };
        if (endpoint.Options.TryGetValue("sslmode", out var mode)) builder.SslMode = SslModeFor(mode);
        return builder.ConnectionString;
    }

    private static SslMode SslModeFor(string mode) => mode switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        _ => SslMode.VerifyFull,
    };
}
