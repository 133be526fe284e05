using System.Globalization;
using Booster.Contract;
using Npgsql;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Npgsql's connection string for an endpoint parsed from a tokio-postgres connection string,
/// every parameter carried over (the parser refused those Npgsql cannot honour). Pure.
/// Nothing is added to the session's start-up: a deadline is the client's cancel request,
/// which PgBouncer in transaction mode forwards, where a start-up <c>options</c> would be refused.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>Longest wait to establish a new connection when the string sets no connect_timeout, in seconds.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>Npgsql's upper bound for a connect timeout, in seconds.</summary>
    private const int MaxConnectTimeoutSeconds = 1024;

    /// <summary>tokio-postgres's keepalive idle time when keepalives are on and none is given.</summary>
    private const int DefaultKeepaliveIdleSeconds = 2 * 60 * 60;

    public static string For(DataEndpoint endpoint, int poolMax, int longestExecutionMs)
    {
        var options = endpoint.Options;
        // Without a user, tokio-postgres logs in as the user running the process, and the database defaults to the user.
        var user = endpoint.User ?? Environment.UserName;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.Join(",", endpoint.Hosts.Select(h => HostText(h, endpoint.Port))),
            Port = endpoint.Port,
            Database = endpoint.Database ?? user,
            Username = user,
            Password = endpoint.Password,
            MinPoolSize = 0,
            MaxPoolSize = poolMax,
            Timeout = options.TryGetValue("connect_timeout", out var connect)
                ? (int)Math.Min(long.Parse(connect, CultureInfo.InvariantCulture), MaxConnectTimeoutSeconds)
                : DefaultConnectTimeoutSeconds,
            // The client-side bound: the execution's deadline cancels before this fires.
            CommandTimeout = (int)Math.Ceiling(longestExecutionMs / 1000.0) + 1,
            // Bounds how long a cancelled statement may keep its connection busy.
            CancellationTimeout = 1000,
            // Server error details can hold row data; guests get a code, logs get the message only.
            IncludeErrorDetail = false,
        };
        if (options.TryGetValue("application_name", out var application)) builder.ApplicationName = application;
        if (options.TryGetValue("options", out var serverOptions)) builder.Options = serverOptions;
        if (options.TryGetValue("sslmode", out var mode)) builder.SslMode = SslModeFor(mode);
        if (options.TryGetValue("sslnegotiation", out var negotiation))
            builder.SslNegotiation = negotiation == "direct" ? SslNegotiation.Direct : SslNegotiation.Postgres;
        if (options.TryGetValue("channel_binding", out var binding))
            builder.ChannelBinding = binding switch { "disable" => ChannelBinding.Disable, "require" => ChannelBinding.Require, _ => ChannelBinding.Prefer };
        if (options.TryGetValue("target_session_attrs", out var target)) builder.TargetSessionAttributes = target;
        // Npgsql balances by round-robin where tokio-postgres shuffles: either spreads the connections.
        if (options.GetValueOrDefault("load_balance_hosts") == "random") builder.LoadBalanceHosts = true;
        // tokio-postgres turns TCP keepalives on by default (after 2 hours idle); Npgsql leaves them off. Both skip
        // them on unix sockets, where the option fails; Npgsql sets them for all hosts or none.
        if (options.GetValueOrDefault("keepalives", "1") == "1" && !endpoint.Hosts.Any(h => h.IsUnixSocket))
        {
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = options.TryGetValue("keepalives_idle", out var idle) ? int.Parse(idle, CultureInfo.InvariantCulture) : DefaultKeepaliveIdleSeconds;
            if (options.TryGetValue("keepalives_interval", out var interval)) builder.TcpKeepAliveInterval = int.Parse(interval, CultureInfo.InvariantCulture);
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// A host of Npgsql's list: a unix-socket directory takes the connection's port (the parser
    /// refuses one with another), a TCP host its own when it differs.
    /// </summary>
    private static string HostText(DataEndpoint.HostPort host, int port)
    {
        if (host.IsUnixSocket) return host.Host;
        var name = host.Host.Contains(':') ? $"[{host.Host}]" : host.Host;
        return host.Port == port ? name : name + ":" + host.Port.ToString(CultureInfo.InvariantCulture);
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
