using System.Globalization;

namespace Booster.Contract;

/// <summary>
/// Parses the data-import variables. Pure, like <see cref="RuntimeSettingsParser"/>: a bad value
/// gives one line naming the variable and the accepted form. A URL is never echoed back in an
/// error: it may hold a password.
/// </summary>
public static class DataImportSettingsParser
{
    public const string RedisUrlForm = "redis://[user:password@]host[:port][/db], rediss://… (TLS) or host:port";
    public const string PostgresUrlForm = "postgres://user:password@host[:port]/database[?sslmode=…]";

    public const int DefaultRedisPort = 6379;
    public const int DefaultPostgresPort = 5432;

    /// <summary>Query parameters a PostgreSQL URL may carry, and what each accepts.</summary>
    public static readonly IReadOnlyDictionary<string, string[]?> PostgresUrlOptions = new Dictionary<string, string[]?>
    {
        ["sslmode"] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"],
        ["application_name"] = null,
    };

    public static (DataImportSettings? Settings, IReadOnlyList<string> Errors) Parse(Func<string, string?> getVariable)
    {
        var errors = new List<string>();
        string? Value(string name) => getVariable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        DataEndpoint? redis = null;
        if (Value(DataImportVariables.RedisUrl) is { } redisText)
        {
            redis = ParseRedisUrl(redisText);
            if (redis is null) errors.Add(InvalidUrl(DataImportVariables.RedisUrl, RedisUrlForm));
        }

        DataEndpoint? postgres = null;
        var postgresName = Value(DataImportVariables.PostgresUrl) is not null ? DataImportVariables.PostgresUrl : DataImportVariables.PostgresUrlFallback;
        if (Value(postgresName) is { } postgresText)
        {
            postgres = ParsePostgresUrl(postgresText, out var problem);
            if (postgres is null) errors.Add(InvalidUrl(postgresName, PostgresUrlForm) + (problem is null ? "" : $" ({problem})"));
        }

        var redisPool = PoolSize(Value(DataImportVariables.RedisPoolMax), DataImportVariables.RedisPoolMax, DataImportVariables.DefaultRedisPoolMax, errors);
        var postgresPool = PoolSize(Value(DataImportVariables.PostgresPoolMax), DataImportVariables.PostgresPoolMax, DataImportVariables.DefaultPostgresPoolMax, errors);
        return (errors.Count == 0 ? new DataImportSettings(redis, redisPool, postgres, postgresPool) : null, errors);
    }

    public static (DataImportSettings? Settings, IReadOnlyList<string> Errors) FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <summary><c>redis://</c>, <c>rediss://</c> (TLS) or a bare <c>host:port</c>, as the original booster accepted.</summary>
    public static DataEndpoint? ParseRedisUrl(string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal)) text = "redis://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") ||
            string.IsNullOrEmpty(uri.Host) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return null;
        var path = uri.AbsolutePath.Trim('/');
        string? database = null;
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db) || db > 65535) return null;
            database = db.ToString(CultureInfo.InvariantCulture);
        }
        var (user, password) = Credentials(uri);
        // "redis://:secret@host" is a password without a user, the common form.
        return new DataEndpoint(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultRedisPort : uri.Port, database,
            string.IsNullOrEmpty(user) ? null : user, password, uri.Scheme == "rediss", new Dictionary<string, string>());
    }

    /// <summary><c>postgres://</c> or <c>postgresql://</c> with user, password, host, port, database and a few options.</summary>
    public static DataEndpoint? ParsePostgresUrl(string text, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") ||
            string.IsNullOrEmpty(uri.Host) || uri.Fragment.Length > 0)
            return null;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/'))
        {
            problem = "the database name is missing";
            return null;
        }
        var (user, password) = Credentials(uri);
        if (string.IsNullOrEmpty(user))
        {
            problem = "the user is missing";
            return null;
        }
        var options = new Dictionary<string, string>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? "" : Uri.UnescapeDataString(pair[(separator + 1)..]);
            if (!PostgresUrlOptions.TryGetValue(key, out var accepted))
            {
                problem = $"unknown parameter '{key}'; accepted: {string.Join(", ", PostgresUrlOptions.Keys)}";
                return null;
            }
            if (accepted is not null && !accepted.Contains(value))
            {
                problem = $"{key} must be one of {string.Join(", ", accepted)}";
                return null;
            }
            options[key] = value;
        }
        var tls = options.TryGetValue("sslmode", out var mode) && mode is "require" or "verify-ca" or "verify-full";
        return new DataEndpoint(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPostgresPort : uri.Port, database, user, password, tls, options);
    }

    private static (string? User, string? Password) Credentials(Uri uri)
    {
        if (uri.UserInfo.Length == 0) return (null, null);
        var separator = uri.UserInfo.IndexOf(':');
        return separator < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..separator]), Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]));
    }

    private static string InvalidUrl(string name, string form) =>
        $"{name} is invalid: expected {form} (the value is not shown: it may hold a password)";

    private static int PoolSize(string? text, string name, int fallback, List<string> errors)
    {
        if (text is null) return fallback;
        var range = DataImportVariables.PoolMax;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= range.Minimum && value <= range.Maximum)
            return value;
        errors.Add($"{name}='{text}' is invalid: expected an integer from {range.Minimum} to {range.Maximum}");
        return fallback;
    }
}
