using Booster.Contract;
using StackExchange.Redis;

namespace Booster.Runtime.DataImports;

/// <summary>StackExchange.Redis options for an endpoint parsed from REDIS_URL. Pure.</summary>
internal static class RedisOptions
{
    /// <summary>Longest a command waits for Redis's answer (the execution's deadline may cut it shorter).</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    public static ConfigurationOptions For(DataEndpoint endpoint)
    {
        var options = new ConfigurationOptions
        {
            User = endpoint.User,
            Password = endpoint.Password,
            Ssl = endpoint.Tls,
            DefaultDatabase = endpoint.Database is { } db ? int.Parse(db, System.Globalization.CultureInfo.InvariantCulture) : null,
            ClientName = "booster",
            // Start (and keep running) while Redis is down; reconnect in the background.
            AbortOnConnectFail = false,
            ConnectTimeout = 2000,
            ConnectRetry = 1,
            ReconnectRetryPolicy = new LinearRetry(1000),
            // While disconnected, fail at once (an error code) rather than queue the guest's command.
            BacklogPolicy = BacklogPolicy.FailFast,
            AsyncTimeout = (int)CommandTimeout.TotalMilliseconds,
            SyncTimeout = (int)CommandTimeout.TotalMilliseconds,
            // Server-side commands the guests never need, and no tie-breaker key read at connect.
            AllowAdmin = false,
            TieBreaker = "",
        };
        if (endpoint.Hosts[0].IsUnixSocket) options.EndPoints.Add(new System.Net.Sockets.UnixDomainSocketEndPoint(endpoint.Host));
        else options.EndPoints.Add(endpoint.Host, endpoint.Port);
        if (endpoint.Options.GetValueOrDefault("protocol") == "resp3") options.Protocol = RedisProtocol.Resp3;
        if (endpoint.Tls) options.SslHost = endpoint.Host;
        // rediss://…#insecure: TLS without checking the server's certificate, as the redis crate reads it.
        if (endpoint.Tls && endpoint.Options.ContainsKey("insecure")) options.CertificateValidation += (_, _, _, _) => true;
        return options;
    }
}
