using System.Globalization;
using System.Net;
using System.Text;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// The C guest Guests/compat.c calls every function of both imports so that each of their
/// return codes comes back, as the original's guests call them. Its expected output is what the
/// original's host code answers (booster/src/redis.rs and postgres.rs in bosbase/bosbase), case by
/// case: the first code with the backends up, the second with the import disabled (no URL).
/// </summary>
public sealed class CompatibilityGuestTests(DataServersFixture servers) : IClassFixture<DataServersFixture>
{
    private static readonly Lazy<byte[]> Wasm = new(() => WasiToolchain.Compile("compat.c"));

    /// <summary>(function, case, answer with the backends up, answer with the import disabled).</summary>
    private static readonly (string Function, string Case, string Up, string Disabled)[] Original =
    [
        // redis_set: key and value read first (-2), then SET: Ok 0, Err -1 (disabled: the pool is None).
        ("redis_set", "stored", "0", "-1"),
        ("redis_set", "bad-key-pointer", "-2", "-2"),
        ("redis_set", "key-not-utf8", "-2", "-2"),
        ("redis_set", "value-out-of-memory", "-2", "-2"),
        // redis_get: out_len < 0, key read, UTF-8: -3; GET Err -4, nil -1; longer than out_len -2; else the bytes.
        ("redis_get", "found", Value("hello"), "-4"),
        ("redis_get", "buffer-too-small", "-2", "-4"),
        ("redis_get", "missing", "-1", "-4"),
        ("redis_get", "wrong-type", "-4", "-4"),
        ("redis_get", "key-not-utf8", "-3", "-3"),
        ("redis_get", "negative-out-len", "-3", "-3"),
        // redis_set_ex: ttl < 0 and bad arguments -2; SETEX Ok 0, Err -1 (Redis refuses a TTL of 0).
        ("redis_set_ex", "stored", "0", "-1"),
        ("redis_set_ex", "ttl-zero", "-1", "-1"),
        ("redis_set_ex", "ttl-negative", "-2", "-2"),
        ("redis_set_ex", "key-not-utf8", "-2", "-2"),
        ("redis_get", "set-with-ttl", Value("v"), "-4"),
        // redis_exists and redis_del: every failure -1.
        ("redis_exists", "present", "1", "-1"),
        ("redis_exists", "absent", "0", "-1"),
        ("redis_exists", "key-not-utf8", "-1", "-1"),
        ("redis_del", "removed", "1", "-1"),
        ("redis_del", "already-gone", "0", "-1"),
        ("redis_del", "bad-key-pointer", "-1", "-1"),
        // pg_exec: bad pointer or UTF-8 -2; tokio-postgres's execute: the command tag's count (SELECT 3), 0 without one
        // and for an empty query; Err -1.
        ("pg_exec", "drop-if-exists", "0", "-1"),
        ("pg_exec", "create", "0", "-1"),
        ("pg_exec", "insert", "2", "-1"),
        ("pg_exec", "select", "3", "-1"),
        ("pg_exec", "update", "2", "-1"),
        ("pg_exec", "empty", "0", "-1"),
        ("pg_exec", "bad-sql", "-1", "-1"),
        ("pg_exec", "sql-not-utf8", "-2", "-2"),
        ("pg_exec", "bad-sql-pointer", "-2", "-2"),
        // pg_query: out_len < 0 or bad SQL bytes -3; query Err -1; serde_json::to_vec of BTreeMap rows; longer than out_len -2.
        ("pg_query", "rows", Value("""[{"id":1,"name":"a!"},{"id":2,"name":"b!"}]"""), "-1"),
        ("pg_query", "escaping", Value("""[{"aname":"José 日本","mid":1,"zname":"O'Brien <&> +"}]"""), "-1"),
        ("pg_query", "one-byte-short", "-2", "-1"),
        ("pg_query", "not-finite", Value("""[{"x":null,"y":null,"z":0.10000000149011612}]"""), "-1"),
        ("pg_query", "jsonb", Value("""[{"j":{"a":[1,2.0,"é"],"b":1}}]"""), "-1"),
        ("pg_query", "empty", Value("[]"), "-1"),
        ("pg_query", "bad-sql", "-1", "-1"),
        ("pg_query", "sql-not-utf8", "-3", "-3"),
        ("pg_query", "negative-out-len", "-3", "-3"),
        ("pg_exec", "drop", "0", "-1"),
    ];

    /// <summary>A successful read: its byte count, then the bytes.</summary>
    private static string Value(string text) => Encoding.UTF8.GetByteCount(text).ToString(CultureInfo.InvariantCulture) + " " + text;

    private static string[] Expected(bool up) => Original.Select(c => $"{c.Function} {c.Case} {(up ? c.Up : c.Disabled)}").ToArray();

    private async Task<string[]> RunGuestAsync(DataImportSettings imports)
    {
        var wasm = Wasm.Value;
        await using var server = await RuntimeServer.StartAsync(dataImports: imports);
        server.Modules.Write("compat.wasm", wasm);
        await server.WaitForModuleAsync("compat");
        var response = await server.PostRunAsync(new { }, "compat");
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        return json["stdout"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private DataImportSettings Imports(string postgresUrl)
    {
        // A key of another type, for GET's error: the imports themselves only write strings.
        DataServerProcess.Run("redis-cli", "-p", servers.Redis.Port.ToString(CultureInfo.InvariantCulture), "--no-auth-warning", "-a", RedisServer.Password,
            "eval", "redis.call('del', 'compat:list', 'compat:k', 'compat:t') return redis.call('rpush', 'compat:list', 'x')", "0");
        return new DataImportSettings(DataImportSettingsParser.ParseRedis("REDIS_URL", servers.Redis.Url).Endpoint, 4,
            DataImportSettingsParser.ParsePostgres("POSTGRES_URL", postgresUrl).Endpoint, 2);
    }

    [SkippableFact]
    public async Task AgainstRedisAndPostgresEveryCallAnswersWhatTheOriginalAnswers()
    {
        servers.Ready();

        (await RunGuestAsync(Imports(servers.Postgres.Url))).Should().Equal(Expected(up: true));
    }

    [SkippableFact]
    public async Task ThroughPgBouncerEveryCallAnswersWhatTheOriginalAnswers()
    {
        servers.Ready();

        (await RunGuestAsync(Imports(servers.PgBouncer.Url))).Should().Equal(Expected(up: true));
    }

    [SkippableFact]
    public async Task WithoutUrlsEveryCallAnswersTheOriginalsErrorCodes()
    {
        servers.Ready();

        (await RunGuestAsync(DataImportSettings.Disabled)).Should().Equal(Expected(up: false));
    }
}
