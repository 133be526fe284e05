using System.Globalization;

namespace Booster.Contract;

/// <summary>
/// Parses the data-import variables. Pure, like <see cref="RuntimeSettingsParser"/>: a bad value
/// gives one line naming the variable and the accepted form. A URL is never echoed back in an
/// error: it may hold a password.
/// </summary>
public static class DataImportSettingsParser
{
    public const int DefaultRedisPort = 6379;
    public const int DefaultPostgresPort = 5432;

    public static (DataImportSettings? Settings, IReadOnlyList<string> Errors) Parse(Func<string, string?> getVariable)
    {
        var errors = new List<string>();
        string? Value(string name) => getVariable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        DataEndpoint? redis = null;
        if (Value(DataImportVariables.RedisUrl) is { } redisText)
        {
            (redis, var problem) = ParseRedis(DataImportVariables.RedisUrl, redisText);
            if (problem is not null) errors.Add(problem);
        }

        DataEndpoint? postgres = null;
        // The original reads SASSPB_POSTGRES_URL first and POSTGRES_URL only when that is unset.
        var postgresName = Value(DataImportVariables.PostgresUrlFallback) is not null ? DataImportVariables.PostgresUrlFallback : DataImportVariables.PostgresUrl;
        if (Value(postgresName) is { } postgresText)
        {
            (postgres, var problem) = ParsePostgres(postgresName, postgresText);
            if (problem is not null) errors.Add(problem);
        }

        var redisPool = PoolSize(Value(DataImportVariables.RedisPoolMax), DataImportVariables.RedisPoolMax, DataImportVariables.DefaultRedisPoolMax, errors);
        var postgresPool = PoolSize(Value(DataImportVariables.PostgresPoolMax), DataImportVariables.PostgresPoolMax, DataImportVariables.DefaultPostgresPoolMax, errors);
        return (errors.Count == 0 ? new DataImportSettings(redis, redisPool, postgres, postgresPool) : null, errors);
    }

    public static (DataImportSettings? Settings, IReadOnlyList<string> Errors) FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <summary>A Redis URL read from <paramref name="variable"/>: the endpoint, or one line naming the variable and the problem.</summary>
    public static (DataEndpoint? Endpoint, string? Error) ParseRedis(string variable, string text) => DataImportRedisUrl.Parse(variable, text);

    /// <summary>A PostgreSQL connection string read from <paramref name="variable"/>: the endpoint, or one line naming the variable and the parameter.</summary>
    public static (DataEndpoint? Endpoint, string? Error) ParsePostgres(string variable, string text) => DataImportPostgresUrl.Parse(variable, text);

    /// <summary>The one line a value that cannot be honoured gives: the variable and the problem, never the value.</summary>
    internal static string Invalid(string variable, string problem, string form) =>
        $"{variable} is invalid: {problem} (expected {form}; the value is not shown: it may hold a password)";

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
