using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;
using StackExchange.Redis;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// The data servers of <see cref="DataImports.DataServersFixture"/> with a runtime whose modules
/// (all the dataops guest) have different data import grants, and two more PostgreSQL roles.
/// </summary>
public sealed class GrantServersFixture : DataImports.DataServersFixture
{
    /// <summary>Variable names unique to this fixture: the process environment is shared by every test.</summary>
    public readonly string OwnRedisVariable = $"BOOSTER_TEST_OWN_REDIS_{Guid.NewGuid():N}";
    public readonly string RoleAVariable = $"BOOSTER_TEST_PG_A_{Guid.NewGuid():N}";
    public readonly string RoleBVariable = $"BOOSTER_TEST_PG_B_{Guid.NewGuid():N}";

    private static readonly string[] Modules = ["prefixed", "denied", "ownredis", "plain", "tenant_a", "tenant_b"];

    private protected override async Task<RuntimeServer> StartRuntimeAsync(DataImportSettings imports)
    {
        foreach (var role in new[] { "role_a", "role_b" })
        {
            Postgres.Psql($"CREATE ROLE {role} LOGIN PASSWORD '{role}-secret'");
            Postgres.Psql($"GRANT CONNECT ON DATABASE {PostgresServer.Database} TO {role}");
        }
        Environment.SetEnvironmentVariable(OwnRedisVariable, $"redis://:{RedisServer.Password}@127.0.0.1:{Redis.Port}/3");
        Environment.SetEnvironmentVariable(RoleAVariable, $"postgres://role_a:role_a-secret@127.0.0.1:{Postgres.Port}/{PostgresServer.Database}");
        Environment.SetEnvironmentVariable(RoleBVariable, $"postgres://role_b:role_b-secret@127.0.0.1:{Postgres.Port}/{PostgresServer.Database}");

        var dataops = WasiToolchain.Compile("dataops.c");
        var server = await SettingsBed.StartAsync($"""
            modules:
              prefixed:
                dataImports:
                  redis: {Flow("keyPrefix: \"tenant-a:\"")}
              denied:
                dataImports: {Flow("redis: false, postgres: false")}
              ownredis:
                dataImports:
                  redis: {Flow($"urlEnv: {OwnRedisVariable}, keyPrefix: \"own:\"")}
              tenant_a:
                dataImports:
                  postgres: {Flow($"urlEnv: {RoleAVariable}")}
              tenant_b:
                dataImports:
                  postgres: {Flow($"urlEnv: {RoleBVariable}")}
            """, dataImports: imports);
        foreach (var name in Modules) server.Modules.Write(name + ".wasm", dataops);
        foreach (var name in Modules) await server.WaitForModuleAsync(name);
        return server;
    }

    /// <summary>A YAML flow mapping.</summary>
    private static string Flow(string fields) => "{" + fields + "}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var variable in new[] { OwnRedisVariable, RoleAVariable, RoleBVariable }) Environment.SetEnvironmentVariable(variable, null);
    }
}

/// <summary>
/// dataImports in force, watched from the servers' side: MONITOR shows every key a prefixed
/// module names carrying its prefix on every Redis function, nothing at all from a denied
/// module, an own Redis connection reaching its own database; PostgreSQL sees each module with
/// its own urlEnv log in as its own role.
/// </summary>
public sealed class DataImportGrantTests(GrantServersFixture servers) : IClassFixture<GrantServersFixture>
{
    private static async Task<string[]> RunAsync(RuntimeServer server, string module, params string[] operations)
    {
        var response = await server.PostRunAsync(new { args = operations }, module);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        return json["stdout"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [SkippableFact]
    public async Task EveryKeyAPrefixedModuleNamesCarriesItsPrefixOnEveryFunction()
    {
        servers.Ready();
        var s = servers;
        await using var monitor = await RedisMonitor.StartAsync(s.Redis.Port, RedisServer.Password);

        var lines = await RunAsync(s.Server, "prefixed", "set", "k1", "v1", "get", "k1", "64", "exists", "k1",
            "setex", "k2", "v2", "60", "del", "k1", "exists", "k1");

        lines.Should().Equal("set rc=0", "get rc=2 value=v1", "exists rc=1", "setex rc=0", "del rc=1", "exists rc=0");
        await monitor.WaitForAsync("\"DEL\" \"tenant-a:k1\"");
        var keyed = monitor.Lines.Where(l => l.Contains("\"k1\"", StringComparison.Ordinal) || l.Contains("\"k2\"", StringComparison.Ordinal) ||
                                             l.Contains("tenant-a:", StringComparison.Ordinal)).ToList();
        keyed.Should().HaveCount(6).And.OnlyContain(l => l.Contains("\"tenant-a:k", StringComparison.Ordinal));
        foreach (var command in new[] { "\"SET\" \"tenant-a:k1\"", "\"GET\" \"tenant-a:k1\"", "\"EXISTS\" \"tenant-a:k1\"", "\"SETEX\" \"tenant-a:k2\"", "\"DEL\" \"tenant-a:k1\"" })
            keyed.Should().Contain(l => l.Contains(command, StringComparison.Ordinal));
        // A module without settings names keys as they are: it sees the prefixed key under its full name.
        (await RunAsync(s.Server, "plain", "get", "tenant-a:k2", "64", "get", "k2", "64")).Should().Equal("get rc=2 value=v2", "get rc=-1");
    }

    [SkippableFact]
    public async Task ADeniedModuleSendsNothingAndGetsTheDisabledCodes()
    {
        servers.Ready();
        var s = servers;
        await using var monitor = await RedisMonitor.StartAsync(s.Redis.Port, RedisServer.Password);

        var lines = await RunAsync(s.Server, "denied", "set", "denied-key", "v", "get", "denied-key", "64", "exists", "denied-key",
            "setex", "denied-key", "v", "60", "del", "denied-key", "query", "SELECT 'denied-sql'", "64", "exec", "SELECT 'denied-sql'");
        await RunAsync(s.Server, "plain", "exists", "after-denied");

        lines.Should().Equal("set rc=-1", "get rc=-4", "exists rc=-1", "setex rc=-1", "del rc=-1", "query rc=-1", "exec rc=-1");
        await monitor.WaitForAsync("after-denied");
        monitor.Lines.Should().NotContain(l => l.Contains("denied-key", StringComparison.Ordinal));
        s.Postgres.Psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%denied-sql%' AND query NOT LIKE '%pg_stat_activity%'",
            PostgresServer.Database).Trim().Should().Be("0");
    }

    [SkippableFact]
    public async Task AnOwnRedisUrlReachesItsOwnDatabaseWithItsPrefix()
    {
        servers.Ready();
        var s = servers;
        await using var monitor = await RedisMonitor.StartAsync(s.Redis.Port, RedisServer.Password);

        (await RunAsync(s.Server, "ownredis", "set", "mine", "own-value")).Should().Equal("set rc=0");

        await monitor.WaitForAsync("\"own:mine\"");
        monitor.Lines.Single(l => l.Contains("\"own:mine\"", StringComparison.Ordinal)).Should().Contain("[3 ");
        await using var client = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{s.Redis.Port},password={RedisServer.Password}");
        ((string?)await client.GetDatabase(3).StringGetAsync("own:mine")).Should().Be("own-value");
        (await client.GetDatabase(0).KeyExistsAsync("own:mine")).Should().BeFalse();
    }

    [SkippableFact]
    public async Task TwoModulesWithTheirOwnUrlEnvLogInAsTheirOwnRoles()
    {
        servers.Ready();
        var s = servers;
        const string Sql = "SELECT current_user AS who";

        foreach (var (module, role) in new[] { ("tenant_a", "role_a"), ("tenant_b", "role_b"), ("plain", PostgresServer.User) })
        {
            var json = $$"""[{"who":"{{role}}"}]""";
            (await RunAsync(s.Server, module, "query", Sql, "256")).Should().Equal($"query rc={json.Length} value={json}");
        }
    }

    [SkippableFact]
    public async Task ModulesShowsTheGrantsButNeverAUrl()
    {
        servers.Ready();
        var s = servers;
        var body = (await s.Server.ModulesAsync()).ToJsonString();

        var tenantA = await s.Server.SettingsOfAsync("tenant_a");
        tenantA["postgres"]!["connection"]!.GetValue<string>().Should().Be("own");
        tenantA["postgres"]!["url_env"]!.GetValue<string>().Should().Be(s.RoleAVariable);
        (await s.Server.SettingsOfAsync("denied"))["redis"]!["connection"]!.GetValue<string>().Should().Be("denied");
        (await s.Server.SettingsOfAsync("prefixed"))["redis"]!["key_prefix"]!.GetValue<string>().Should().Be("tenant-a:");
        body.Should().NotContain("role_a-secret").And.NotContain(RedisServer.Password).And.NotContain("postgres://");
    }
}
