using System.Text;
using Booster.Contract;
using Booster.Runtime.DataImports;
using Npgsql;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>The pure parts of the data imports: JSON values, the deadline wait, connection settings.</summary>
public class DataImportUnitTests
{
    private static string Json(object? value)
    {
        var writer = new SerdeJsonWriter();
        BoosterValueJson.Write(writer, value);
        return Encoding.UTF8.GetString(writer.Written);
    }

    [Fact]
    public void ValuesOfTypesTheOriginalLeavesNullBecomeTheirJsonCounterparts()
    {
        Json(null).Should().Be("null");
        Json(DBNull.Value).Should().Be("null");
        Json(true).Should().Be("true");
        Json((short)-3).Should().Be("-3");
        Json(long.MaxValue).Should().Be("9223372036854775807");
        Json(1.5f).Should().Be("1.5");
        Json(double.PositiveInfinity).Should().Be("null");
        Json(float.NaN).Should().Be("null");
        Json(12.340m).Should().Be("12.340");
        Json(new byte[] { 0, 1, 255 }).Should().Be("\"AAH/\"");
        Json(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).Should().Be("\"2024-01-02T03:04:05Z\"");
        Json(new DateTime(2024, 1, 2, 3, 4, 5, 250, DateTimeKind.Unspecified)).Should().Be("\"2024-01-02T03:04:05.25\"");
        Json(new DateOnly(2024, 1, 2)).Should().Be("\"2024-01-02\"");
        Json(new[] { 1, 2 }).Should().Be("[1,2]");
        Json(Guid.Empty).Should().Be("\"00000000-0000-0000-0000-000000000000\"");
        Json(TimeSpan.FromHours(25)).Should().Be("\"1.01:00:00\"");
    }

    [Fact]
    public void ACallDoneBeforeTheDeadlineGivesItsValueOrItsOwnFailure()
    {
        DeadlineWait.Run(TimeSpan.FromSeconds(5), _ => Task.FromResult(42)).Should().Be(42);
        FluentActions.Invoking(() => DeadlineWait.Run<int>(TimeSpan.FromSeconds(5), _ => Task.FromException<int>(new InvalidOperationException("refused"))))
            .Should().Throw<InvalidOperationException>().WithMessage("refused");
    }

    [Fact]
    public async Task ACallStillRunningAtTheDeadlineIsCancelledAndEndsTheExecution()
    {
        var cancelled = new TaskCompletionSource();
        var started = System.Diagnostics.Stopwatch.StartNew();

        FluentActions.Invoking(() => DeadlineWait.Run(TimeSpan.FromMilliseconds(100), async token =>
            {
                token.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                return 0;
            }))
            .Should().Throw<DeadlineReachedException>().WithMessage($"*{Booster.Runtime.Execution.Wasi.HostDeadlineException.Marker}*");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        // The deadline's timer may still be running the token's callbacks on its own thread when Run returns.
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)); // the call's token fires at the deadline (else TimeoutException)
        FluentActions.Invoking(() => DeadlineWait.Run(TimeSpan.Zero, _ => Task.FromResult(1))).Should().Throw<DeadlineReachedException>();
    }

    [Fact]
    public void ThePostgresUrlBecomesAnNpgsqlConnectionStringWithBoundsOnEveryWaitAndNoStartupOptions()
    {
        var endpoint = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", "postgres://app:pa;ss@db:5433/shop?sslmode=verify-full").Endpoint!;

        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.For(endpoint, poolMax: 7, longestExecutionMs: 2500));

        builder.Should().BeEquivalentTo(new
        {
            Host = "db", Port = 5433, Database = "shop", Username = "app", Password = "pa;ss", MaxPoolSize = 7, MinPoolSize = 0,
            SslMode = SslMode.VerifyFull, Timeout = 5, CommandTimeout = 4, IncludeErrorDetail = false,
            TcpKeepAlive = true, TcpKeepAliveTime = 7200,
        }, o => o.ExcludingMissingMembers());
        builder.Options.Should().BeNull("PgBouncer in transaction mode refuses a start-up 'options'");
        builder.ApplicationName.Should().BeNull("the original sends none unless the string sets one");
    }

    [Fact]
    public void EveryParameterOfTheConnectionStringReachesNpgsql()
    {
        var endpoint = DataImportSettingsParser.ParsePostgres("POSTGRES_URL",
            "host=db1,db2 port=5432,6000 user=u dbname=d options='-c search_path=app' application_name=shop sslmode=require " +
            "sslnegotiation=direct channel_binding=require target_session_attrs=read-only load_balance_hosts=random connect_timeout=3 " +
            "keepalives_idle=60 keepalives_interval=7").Endpoint!;

        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.For(endpoint, poolMax: 2, longestExecutionMs: 1000));

        builder.Should().BeEquivalentTo(new
        {
            Host = "db1,db2:6000", Port = 5432, Options = "-c search_path=app", ApplicationName = "shop", SslMode = SslMode.Require,
            SslNegotiation = SslNegotiation.Direct, ChannelBinding = ChannelBinding.Require, TargetSessionAttributes = "read-only",
            LoadBalanceHosts = true, Timeout = 3, TcpKeepAlive = true, TcpKeepAliveTime = 60, TcpKeepAliveInterval = 7,
        }, o => o.ExcludingMissingMembers());
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.For(
            DataImportSettingsParser.ParsePostgres("POSTGRES_URL", "host=db keepalives=0").Endpoint!, 1, 1000)).TcpKeepAlive.Should().BeFalse();
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.For(
                DataImportSettingsParser.ParsePostgres("POSTGRES_URL", "host=/run/postgresql port=5433").Endpoint!, 1, 1000))
            .Should().BeEquivalentTo(new { Host = "/run/postgresql", Port = 5433, TcpKeepAlive = false }, o => o.ExcludingMissingMembers(),
                "keepalives are a TCP option: a unix socket refuses it");
    }

    [Fact]
    public void RedisFailsFastWhileDisconnectedAndReconnectsOnItsOwn()
    {
        var options = RedisOptions.For(DataImportSettingsParser.ParseRedis("REDIS_URL", "rediss://u:pw@cache:6390/3").Endpoint!);

        options.AbortOnConnectFail.Should().BeFalse();
        options.BacklogPolicy.Should().Be(StackExchange.Redis.BacklogPolicy.FailFast);
        (options.User, options.Password, options.Ssl, options.DefaultDatabase).Should().Be(("u", "pw", true, 3));
        options.ToString(includePassword: false).Should().NotContain("pw");
    }

    [Fact]
    public void ARedisUnixSocketAndResp3ReachTheDriver()
    {
        var options = RedisOptions.For(DataImportSettingsParser.ParseRedis("REDIS_URL", "redis+unix:///run/redis.sock?db=2&protocol=resp3").Endpoint!);

        options.EndPoints.Single().Should().BeOfType<System.Net.Sockets.UnixDomainSocketEndPoint>().Which.ToString().Should().Be("/run/redis.sock");
        (options.DefaultDatabase, options.Protocol).Should().Be((2, StackExchange.Redis.RedisProtocol.Resp3));
    }
}
