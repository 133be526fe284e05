using Booster.Contract;

namespace Booster.Contract.Tests;

public class DataImportSettingsParserTests
{
    private static (DataImportSettings? Settings, IReadOnlyList<string> Errors) Parse(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return DataImportSettingsParser.Parse(name => environment.GetValueOrDefault(name));
    }

    private static DataEndpoint Postgres(string text)
    {
        var (endpoint, error) = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", text);
        error.Should().BeNull();
        return endpoint!;
    }

    private static string PostgresError(string text)
    {
        var (endpoint, error) = DataImportSettingsParser.ParsePostgres("POSTGRES_URL", text);
        endpoint.Should().BeNull();
        return error!;
    }

    [Fact]
    public void NothingSetMeansBothImportsOffWithTheOriginalsPoolSizes()
    {
        var (settings, errors) = Parse();

        errors.Should().BeEmpty();
        settings.Should().Be(DataImportSettings.Disabled);
        settings!.RedisPoolMax.Should().Be(32);
        settings.PostgresPoolMax.Should().Be(16);
    }

    [Theory]
    [InlineData("redis://127.0.0.1:6380/2", "127.0.0.1", 6380, "2", null, null, false)]
    [InlineData("redis://:s3cr%40t@cache:6379", "cache", 6379, null, null, "s3cr@t", false)]
    [InlineData("redis://app:pw@cache", "cache", 6379, null, "app", "pw", false)]
    [InlineData("rediss://cache.example:6390/0", "cache.example", 6390, "0", null, null, true)]
    [InlineData("10.0.0.5:7000", "10.0.0.5", 7000, null, null, null, false)]
    [InlineData("localhost", "localhost", 6379, null, null, null, false)]
    [InlineData("redis://cache:6379?timeout=1", "cache", 6379, null, null, null, false)]
    [InlineData("redis+unix:///run/redis/redis.sock?db=3&pass=pw", "/run/redis/redis.sock", 0, "3", null, "pw", false)]
    [InlineData("unix:///run/redis.sock", "/run/redis.sock", 0, null, null, null, false)]
    public void RedisUrlsOfEveryFormTheOriginalsRedisCrateReads(string url, string host, int port, string? db, string? user, string? password, bool tls)
    {
        var (endpoint, error) = DataImportSettingsParser.ParseRedis("REDIS_URL", url);

        error.Should().BeNull();
        endpoint.Should().BeEquivalentTo(new { Host = host, Port = port, Database = db, User = user, Password = password, Tls = tls });
    }

    [Fact]
    public void RedisProtocolAndInsecureTlsAreCarriedToTheDriver()
    {
        DataImportSettingsParser.ParseRedis("REDIS_URL", "redis://cache/?protocol=resp3").Endpoint!.Options.Should().Contain("protocol", "resp3");
        DataImportSettingsParser.ParseRedis("REDIS_URL", "rediss://cache#insecure").Endpoint!.Options.Should().ContainKey("insecure");
    }

    [Theory]
    [InlineData("http://cache:6379", "the scheme must be redis, rediss, redis+unix or unix")]
    [InlineData("redis://cache:6379/not-a-number", "the database (the path) must be a number")]
    [InlineData("redis://cache/?protocol=4", "parameter 'protocol' must be 2, resp2, 3 or resp3")]
    [InlineData("rediss://cache#trust-me", "only #insecure")]
    [InlineData("redis+unix://relative", "absolute path")]
    [InlineData("redis://cache/-1", "from 0 to")]
    public void RedisUrlsTheRuntimeCannotHonourAreRefusedSayingWhat(string url, string problem)
    {
        var (endpoint, error) = DataImportSettingsParser.ParseRedis("REDIS_URL", url);

        endpoint.Should().BeNull();
        error.Should().StartWith("REDIS_URL is invalid: ").And.Contain(problem);
    }

    [Fact]
    public void APostgresUrlGivesEveryPartDecoded()
    {
        var endpoint = Postgres("postgres://app%20user:p%3Ass@db.internal:5433/my%20db?sslmode=require&application_name=shop");

        endpoint.Should().BeEquivalentTo(new { Host = "db.internal", Port = 5433, Database = "my db", User = "app user", Password = "p:ss", Tls = true });
        endpoint.Options.Should().Contain("application_name", "shop");
        endpoint.Describe().Should().Be("db.internal:5433/my db (TLS)").And.NotContain("p:ss");
    }

    [Theory]
    [InlineData("postgresql://u@[::1]/db", "::1", 5432)]
    [InlineData("postgres://u:p@127.0.0.1/db", "127.0.0.1", 5432)]
    [InlineData("postgres://u@db", "db", 5432)]
    [InlineData("postgresql:///mydb?user=u&host=/var/run/postgresql", "/var/run/postgresql", 5432)]
    [InlineData("postgresql://u:p@%2Ftmp%2Fpg:5433/db", "/tmp/pg", 5433)]
    public void PostgresHostsUnixSocketsAndTheDefaultPort(string url, string host, int port)
    {
        var endpoint = Postgres(url);

        (endpoint.Host, endpoint.Port).Should().Be((host, port));
    }

    [Fact]
    public void SeveralHostsAreKeptInOrderEachWithItsPort()
    {
        var endpoint = Postgres("postgresql://u:p@primary:5433,replica,[::1]:6000/shop?target_session_attrs=read-write&load_balance_hosts=random");

        endpoint.Hosts.Select(h => h.ToString()).Should().Equal("primary:5433", "replica:5432", "::1:6000");
        endpoint.Options.Should().Contain("target_session_attrs", "read-write").And.Contain("load_balance_hosts", "random");
        endpoint.Describe().Should().Be("primary:5433,replica:5432,::1:6000/shop");
    }

    [Fact]
    public void TheKeyValueFormIsReadAsLibpqWritesIt()
    {
        var endpoint = Postgres(@"host=h1,h2 port=5433,5434 user=app password='with space and \' quote' dbname=shop connect_timeout=10 options='-c search_path=app'");

        endpoint.Hosts.Select(h => h.ToString()).Should().Equal("h1:5433", "h2:5434");
        endpoint.Should().BeEquivalentTo(new { User = "app", Password = "with space and ' quote", Database = "shop", Tls = false });
        endpoint.Options.Should().Contain("connect_timeout", "10").And.Contain("options", "-c search_path=app");
    }

    [Theory]
    [InlineData(@"host=db user=u password=a\ b", "a b")]
    [InlineData("host=db user=u password=''", "")]
    [InlineData("postgres://u:p%40ss%zz@db/x", "p@ss%zz")]
    [InlineData("postgres://u:with:colon@db/x", "with:colon")]
    public void PasswordsAreUnescapedAsTokioPostgresUnescapesThem(string text, string password) =>
        Postgres(text).Password.Should().Be(password);

    [Fact]
    public void WithoutADatabaseTheUserNamesIt()
    {
        Postgres("postgres://app@db").Database.Should().Be("app");
        Postgres("host=db").Should().BeEquivalentTo(new { User = (string?)null, Database = (string?)null });
    }

    [Fact]
    public void HostaddrIsWhereEachHostIsReached()
    {
        Postgres("host=db.internal hostaddr=10.0.0.7 port=5433 user=u").Hosts.Single().ToString().Should().Be("10.0.0.7:5433");
    }

    [Theory]
    [InlineData("postgres://u:p@db/x?sslmode=sometimes", "parameter 'sslmode' must be one of")]
    [InlineData("postgres://u:p@db/x?replication=true", "unknown parameter 'replication'")]
    [InlineData("postgres://u:p@db/x?tcp_user_timeout=5", "parameter 'tcp_user_timeout' cannot be honoured")]
    [InlineData("postgres://u:p@db/x?keepalives_retries=3", "parameter 'keepalives_retries' cannot be honoured")]
    [InlineData("postgres://u:p@db:99999/x", "parameter 'port' must be port numbers")]
    [InlineData("host=a,b port=1,2,3 user=u", "parameter 'port' gives 3 ports for 2 hosts")]
    [InlineData("user=u dbname=x", "no host")]
    [InlineData("host=db user=u password='open", "a quoted value is not terminated")]
    [InlineData("host=db user", "a key lacks its '='")]
    [InlineData("postgres://u:p@db/x?connect_timeout=soon", "parameter 'connect_timeout' must be a whole number of seconds")]
    [InlineData("host=db,/run/pg port=5432,5433", "a unix-socket host must use the first host's port")]
    [InlineData("host=db hostaddr=10.0.0.1 sslmode=verify-full", "parameter 'hostaddr' cannot be honoured with sslmode=verify-full")]
    public void WhatCannotBeHonouredIsRefusedNamingTheVariableAndTheParameter(string text, string problem) =>
        PostgresError(text).Should().StartWith("POSTGRES_URL is invalid: ").And.Contain(problem);

    [Fact]
    public void ZeroOrNegativeTimeoutsLeaveTheDefaultAsInTokioPostgres() =>
        Postgres("postgres://u@db/x?connect_timeout=0&tcp_user_timeout=0").Options.Should().NotContainKeys("connect_timeout", "tcp_user_timeout");

    [Fact]
    public void SasspbPostgresUrlIsReadBeforePostgresUrlAsTheOriginalReadsThem()
    {
        var (settings, _) = Parse(("SASSPB_POSTGRES_URL", "postgres://u:p@first/db"), ("POSTGRES_URL", "postgres://u:p@second/db"));

        settings!.Postgres!.Host.Should().Be("first");
        Parse(("POSTGRES_URL", "postgres://u:p@second/db")).Settings!.Postgres!.Host.Should().Be("second");
    }

    [Fact]
    public void ErrorsNameTheVariableAndNeverRepeatTheValue()
    {
        var (settings, errors) = Parse(("REDIS_URL", "ftp://u:secret1@h"), ("SASSPB_POSTGRES_URL", "postgres://u:secret2@h/db?sslmode=secret3"),
            ("BOOSTER_REDIS_POOL_MAX", "many"), ("BOOSTER_PG_POOL_MAX", "0"));

        settings.Should().BeNull();
        errors.Should().HaveCount(4);
        errors[0].Should().StartWith("REDIS_URL is invalid: the scheme must be");
        errors[1].Should().StartWith("SASSPB_POSTGRES_URL is invalid: parameter 'sslmode' must be one of");
        errors[2].Should().Be("BOOSTER_REDIS_POOL_MAX='many' is invalid: expected an integer from 1 to 1024");
        errors[3].Should().Be("BOOSTER_PG_POOL_MAX='0' is invalid: expected an integer from 1 to 1024");
        errors.Should().NotContain(e => e.Contains("secret"));
        errors.Should().OnlyContain(e => !e.Contains('\n'));
    }

    [Fact]
    public void APasswordThatIsNotUtf8IsRefusedWithoutShowingIt() =>
        PostgresError("postgres://u:%ff%fe@db/x").Should().Contain("parameter 'password' is not UTF-8").And.NotContain("%ff");
}
