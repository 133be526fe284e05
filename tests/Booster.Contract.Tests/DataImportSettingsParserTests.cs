using Booster.Contract;

namespace Booster.Contract.Tests;

public class DataImportSettingsParserTests
{
    private static (DataImportSettings? Settings, IReadOnlyList<string> Errors) Parse(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return DataImportSettingsParser.Parse(name => environment.GetValueOrDefault(name));
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
    public void RedisUrlsOfEveryAcceptedForm(string url, string host, int port, string? db, string? user, string? password, bool tls)
    {
        var endpoint = DataImportSettingsParser.ParseRedisUrl(url)!;

        endpoint.Should().BeEquivalentTo(new { Host = host, Port = port, Database = db, User = user, Password = password, Tls = tls });
    }

    [Theory]
    [InlineData("http://cache:6379")]
    [InlineData("redis://cache:6379/not-a-number")]
    [InlineData("redis://cache:6379?timeout=1")]
    [InlineData("redis://:pw@")]
    public void RedisUrlsThatAreNotRedisAreRefused(string url) => DataImportSettingsParser.ParseRedisUrl(url).Should().BeNull();

    [Fact]
    public void APostgresUrlGivesEveryPartDecoded()
    {
        var endpoint = DataImportSettingsParser.ParsePostgresUrl("postgres://app%20user:p%3Ass@db.internal:5433/my%20db?sslmode=require&application_name=shop", out var problem)!;

        problem.Should().BeNull();
        endpoint.Should().BeEquivalentTo(new { Host = "db.internal", Port = 5433, Database = "my db", User = "app user", Password = "p:ss", Tls = true });
        endpoint.Options.Should().Contain("application_name", "shop");
        endpoint.Describe().Should().Be("db.internal:5433/my db (TLS)").And.NotContain("p:ss");
    }

    [Theory]
    [InlineData("postgresql://u@[::1]/db", "::1", 5432)]
    [InlineData("postgres://u:p@127.0.0.1/db", "127.0.0.1", 5432)]
    public void PostgresHostsAndDefaultPort(string url, string host, int port)
    {
        var endpoint = DataImportSettingsParser.ParsePostgresUrl(url, out _)!;

        (endpoint.Host, endpoint.Port).Should().Be((host, port));
    }

    [Theory]
    [InlineData("postgres://u:p@db:5432", "the database name is missing")]
    [InlineData("postgres://db:5432/x", "the user is missing")]
    [InlineData("postgres://u:p@db/x?sslmode=sometimes", "sslmode must be one of")]
    [InlineData("postgres://u:p@db/x?password=leak", "unknown parameter 'password'")]
    [InlineData("host=db user=u", null)]
    public void PostgresUrlsMissingPartsAreRefusedSayingWhat(string url, string? problem)
    {
        DataImportSettingsParser.ParsePostgresUrl(url, out var said).Should().BeNull();
        if (problem is not null) said.Should().Contain(problem);
    }

    [Fact]
    public void PostgresUrlWinsOverTheOriginalsOtherName()
    {
        var (settings, _) = Parse(("SASSPB_POSTGRES_URL", "postgres://u:p@old/db"), ("POSTGRES_URL", "postgres://u:p@new/db"));

        settings!.Postgres!.Host.Should().Be("new");
        Parse(("SASSPB_POSTGRES_URL", "postgres://u:p@old/db")).Settings!.Postgres!.Host.Should().Be("old");
    }

    [Fact]
    public void ErrorsNameTheVariableAndNeverRepeatAUrl()
    {
        var (settings, errors) = Parse(("REDIS_URL", "ftp://u:secret1@h"), ("POSTGRES_URL", "postgres://u:secret2@h"),
            ("BOOSTER_REDIS_POOL_MAX", "many"), ("BOOSTER_PG_POOL_MAX", "0"));

        settings.Should().BeNull();
        errors.Should().HaveCount(4);
        errors[0].Should().StartWith("REDIS_URL is invalid: expected redis://");
        errors[1].Should().StartWith("POSTGRES_URL is invalid: expected postgres://");
        errors[2].Should().Be("BOOSTER_REDIS_POOL_MAX='many' is invalid: expected an integer from 1 to 1024");
        errors[3].Should().Be("BOOSTER_PG_POOL_MAX='0' is invalid: expected an integer from 1 to 1024");
        errors.Should().NotContain(e => e.Contains("secret"));
    }
}
