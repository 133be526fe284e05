using System.Globalization;
using System.Net;

namespace Booster.Contract;

/// <summary>
/// A PostgreSQL connection string as the original booster accepts it (tokio-postgres: a URL
/// or <c>key=value</c> pairs, with its parameter names and values), turned into an endpoint
/// the runtime's driver honours — or one line naming the variable and the parameter that
/// cannot be honoured, never the password. Pure.
/// </summary>
public static class DataImportPostgresUrl
{
    public const string Form =
        "postgres://user:password@host[:port][,host2[:port]]/database[?param=value&…] or key=value pairs (host=… user=… dbname=…)";

    private static readonly string[] SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    /// <summary>Every parameter accepted, and the values it accepts (null: any text, or a number checked below).</summary>
    public static readonly IReadOnlyDictionary<string, string[]?> Parameters = new Dictionary<string, string[]?>
    {
        ["user"] = null, ["password"] = null, ["dbname"] = null, ["host"] = null, ["hostaddr"] = null, ["port"] = null,
        ["options"] = null, ["application_name"] = null,
        ["sslmode"] = SslModes,
        ["sslnegotiation"] = ["postgres", "direct"],
        ["connect_timeout"] = null, ["tcp_user_timeout"] = null,
        ["keepalives"] = null, ["keepalives_idle"] = null, ["keepalives_interval"] = null, ["keepalives_retries"] = null,
        ["target_session_attrs"] = ["any", "read-write", "read-only"],
        ["channel_binding"] = ["disable", "prefer", "require"],
        ["load_balance_hosts"] = ["disable", "random"],
    };

    /// <summary>Parameters the endpoint passes on to the driver, by name.</summary>
    private static readonly HashSet<string> PassedOn =
    [
        "options", "application_name", "sslmode", "sslnegotiation", "connect_timeout", "keepalives", "keepalives_idle",
        "keepalives_interval", "target_session_attrs", "channel_binding", "load_balance_hosts",
    ];

    /// <summary>The endpoint, or one line naming <paramref name="variable"/> and what is wrong.</summary>
    public static (DataEndpoint? Endpoint, string? Error) Parse(string variable, string text)
    {
        var (parameters, problem) = DataImportPostgresTokens.Split(text);
        if (parameters is null) return Refused(variable, problem!);

        string? user = null, password = null, database = null;
        var hosts = new List<string>();
        var hostAddresses = new List<string>();
        var ports = new List<int>();
        var options = new Dictionary<string, string>();
        foreach (var (key, value) in parameters)
        {
            if (!Parameters.TryGetValue(key, out var accepted))
                return Refused(variable, $"unknown parameter '{DataImportPostgresTokens.Shown(key)}'; accepted: {string.Join(", ", Parameters.Keys)}");
            if (accepted is not null && !accepted.Contains(value))
                return Refused(variable, $"parameter '{key}' must be one of {string.Join(", ", accepted)}");
            switch (key)
            {
                case "user": user = value; break;
                case "password": password = value; break;
                case "dbname": database = value; break;
                case "host": hosts.AddRange(value.Split(',')); break;
                case "hostaddr":
                    foreach (var address in value.Split(','))
                    {
                        if (!IPAddress.TryParse(address, out _)) return Refused(variable, "parameter 'hostaddr' must be numeric IP addresses, comma-separated");
                        hostAddresses.Add(address);
                    }
                    break;
                case "port":
                    foreach (var port in value.Split(','))
                    {
                        if (port.Length == 0) ports.Add(DataImportSettingsParser.DefaultPostgresPort);
                        else if (ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0) ports.Add(number);
                        else return Refused(variable, "parameter 'port' must be port numbers from 1 to 65535, comma-separated");
                    }
                    break;
                case "connect_timeout" or "keepalives_idle" or "keepalives_interval" or "tcp_user_timeout":
                    if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                        return Refused(variable, $"parameter '{key}' must be a whole number of seconds");
                    // As tokio-postgres: zero or less leaves the default.
                    if (seconds <= 0) { options.Remove(key); break; }
                    if (key == "tcp_user_timeout")
                        return Refused(variable, "parameter 'tcp_user_timeout' cannot be honoured: the runtime's driver (Npgsql) cannot set TCP_USER_TIMEOUT; remove it or set it to 0");
                    options[key] = Math.Min(seconds, int.MaxValue).ToString(CultureInfo.InvariantCulture);
                    break;
                case "keepalives":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var on))
                        return Refused(variable, "parameter 'keepalives' must be 0 (off) or 1 (on)");
                    options[key] = on == 0 ? "0" : "1";
                    break;
                case "keepalives_retries":
                    return Refused(variable, "parameter 'keepalives_retries' cannot be honoured: the runtime's driver (Npgsql) cannot set the keepalive probe count; remove it");
                default:
                    if (PassedOn.Contains(key)) options[key] = value;
                    break;
            }
        }

        if (hosts.Count == 0 && hostAddresses.Count == 0)
            return Refused(variable, "no host: give one in the URL (postgres://user@host/db) or as host=…");
        if (hosts.Any(h => h.Length == 0)) return Refused(variable, "parameter 'host' has an empty host name");
        if (hosts.Count > 0 && hostAddresses.Count > 0 && hosts.Count != hostAddresses.Count)
            return Refused(variable, $"parameter 'hostaddr' gives {hostAddresses.Count} addresses for {hosts.Count} hosts; give one per host");
        var count = Math.Max(hosts.Count, hostAddresses.Count);
        if (ports.Count > 1 && ports.Count != count)
            return Refused(variable, $"parameter 'port' gives {ports.Count} ports for {count} hosts; give one port, or one per host");
        var tls = options.GetValueOrDefault("sslmode") is "require" or "verify-ca" or "verify-full";
        if (hostAddresses.Count > 0 && options.GetValueOrDefault("sslmode") == "verify-full")
            return Refused(variable, "parameter 'hostaddr' cannot be honoured with sslmode=verify-full: the runtime's driver connects to the address and checks the certificate against it, not the host name");

        // hostaddr, when given, is where each host is reached (the host name serves authentication only).
        var endpoints = Enumerable.Range(0, count).Select(i => new DataEndpoint.HostPort(
            hostAddresses.Count > 0 ? hostAddresses[i] : hosts[i],
            ports.Count == 0 ? DataImportSettingsParser.DefaultPostgresPort : ports[ports.Count == 1 ? 0 : i])).ToList();
        if (endpoints.Any(e => e.IsUnixSocket && e.Port != endpoints[0].Port))
            return Refused(variable, "parameter 'port' cannot be honoured: a unix-socket host must use the first host's port (the runtime's driver takes one port for socket paths)");
        return (new DataEndpoint(endpoints[0].Host, endpoints[0].Port, database ?? user, user, password, tls, options) { Hosts = endpoints }, null);
    }

    private static (DataEndpoint?, string) Refused(string variable, string problem) =>
        (null, DataImportSettingsParser.Invalid(variable, problem, Form));
}
