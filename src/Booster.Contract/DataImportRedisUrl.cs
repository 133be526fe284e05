using System.Globalization;

namespace Booster.Contract;

/// <summary>
/// REDIS_URL as the original booster reads it: a value without <c>://</c> gets <c>redis://</c>
/// in front, then the redis crate's URL forms — <c>redis://[user][:password@]host[:port][/db]</c>
/// with an optional <c>?protocol=resp2|resp3</c>, <c>rediss://…</c> (TLS; <c>#insecure</c> skips
/// certificate checks) and <c>redis+unix:///path</c> or <c>unix:///path</c> with
/// <c>?db=…&amp;user=…&amp;pass=…</c>. Any other query parameter is ignored, as there. Pure; an
/// error names the variable, never the value.
/// </summary>
public static class DataImportRedisUrl
{
    public const string Form =
        "redis://[user:password@]host[:port][/db][?protocol=resp3], rediss://… (TLS), redis+unix:///path[?db=…&pass=…] or host:port";

    /// <summary>The endpoint, or one line naming <paramref name="variable"/> and what is wrong.</summary>
    public static (DataEndpoint? Endpoint, string? Error) Parse(string variable, string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal)) text = "redis://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return Refused(variable, "it is not a URL");
        var query = Query(uri.Query);
        var options = new Dictionary<string, string>();
        if (query.TryGetValue("protocol", out var protocol))
        {
            if (protocol is not ("2" or "resp2" or "3" or "resp3")) return Refused(variable, "parameter 'protocol' must be 2, resp2, 3 or resp3");
            options["protocol"] = protocol is "3" or "resp3" ? "resp3" : "resp2";
        }

        switch (uri.Scheme)
        {
            case "redis" or "rediss":
            {
                if (string.IsNullOrEmpty(uri.Host)) return Refused(variable, "the host is missing");
                var path = uri.AbsolutePath.Trim('/');
                long? database = null;
                if (path.Length > 0)
                {
                    if (!long.TryParse(path, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                        return Refused(variable, "the database (the path) must be a number");
                    database = number;
                }
                if (uri.Scheme == "rediss" && uri.Fragment.Length > 0)
                {
                    if (uri.Fragment != "#insecure") return Refused(variable, "only #insecure may follow a rediss:// URL");
                    options["insecure"] = "true";
                }
                var (user, password) = Credentials(uri);
                return Endpoint(variable, uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DataImportSettingsParser.DefaultRedisPort : uri.Port,
                    database, user, password, uri.Scheme == "rediss", options);
            }
            case "redis+unix" or "unix":
            {
                var path = Uri.UnescapeDataString(uri.AbsolutePath);
                if (!path.StartsWith('/') || path.Length == 1 || !(uri.Host is "" or "localhost")) return Refused(variable, "a unix-socket URL needs an absolute path: redis+unix:///path/to/redis.sock");
                long? database = null;
                if (query.TryGetValue("db", out var db))
                {
                    if (!long.TryParse(db, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                        return Refused(variable, "parameter 'db' must be a number");
                    database = number;
                }
                return Endpoint(variable, path, 0, database, query.GetValueOrDefault("user"), query.GetValueOrDefault("pass"), false, options);
            }
            default:
                return Refused(variable, "the scheme must be redis, rediss, redis+unix or unix");
        }
    }

    private static (DataEndpoint?, string?) Endpoint(string variable, string host, int port, long? database, string? user, string? password,
        bool tls, Dictionary<string, string> options)
    {
        // The redis crate sends SELECT with any number; Redis itself refuses a negative one or one past its databases.
        if (database is < 0 or > int.MaxValue) return Refused(variable, "the database must be from 0 to 2147483647");
        return (new DataEndpoint(host, port, database?.ToString(CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(user) ? null : user, password, tls, options), null);
    }

    private static Dictionary<string, string> Query(string query)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            // Later pairs win, as in the HashMap the redis crate collects them into.
            pairs[Decode(equals < 0 ? pair : pair[..equals])] = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
        }
        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static (string? User, string? Password) Credentials(Uri uri)
    {
        if (uri.UserInfo.Length == 0) return (null, null);
        var separator = uri.UserInfo.IndexOf(':');
        return separator < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..separator]), Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]));
    }

    private static (DataEndpoint?, string) Refused(string variable, string problem) =>
        (null, DataImportSettingsParser.Invalid(variable, problem, Form));
}
