using Booster.Contract;
using Booster.Runtime.DataImports;
using Booster.Runtime.Execution;
using Booster.Runtime.ModuleSettings;

namespace Booster.Runtime.Tests.ModuleSettings;

public class ModuleSettingsParserTests
{
    private static readonly RuntimeSettings Runtime = new() { TimeoutMs = 10000, MaxMemoryBytes = 256 << 20, MaxOutputBytes = 1 << 20, PoolMax = 8 };

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["HELLO_PG_URL"] = "postgres://hello:pg-secret-1@db.example:5433/app",
        ["HELLO_REDIS_URL"] = "redis://:redis-secret-2@cache.example:6380/3",
        ["BROKEN_URL"] = "mysql://user:broken-secret-3@host/db",
    };

    private static readonly HashSet<string> Folders = ["/etc/booster/files/hello/0", "/srv/base/models"];

    private static (ModuleSettingsFile? File, IReadOnlyList<string> Errors) Parse(string yaml) =>
        ModuleSettingsParser.Parse(yaml, new ModuleSettingsParser.Context(Runtime, "/srv/base", Variables.GetValueOrDefault, Folders.Contains));

    private static ModuleSettingsFile Valid(string yaml)
    {
        var (file, errors) = Parse(yaml);
        errors.Should().BeEmpty();
        return file!;
    }

    private static string OneError(string yaml)
    {
        var (file, errors) = Parse(yaml);
        file.Should().BeNull();
        errors.Should().ContainSingle();
        return errors[0];
    }

    [Fact]
    public void TheDesignExampleParsesIntoEverySetting()
    {
        var file = Valid("""
            modules:
              hello:
                timeoutMs: 500
                maxMemory: 32Mi
                maxOutput: 64Ki
                maxConcurrency: 2
                env: {GREETING: hi, COUNT: 3}
                files:
                  - path: /etc/booster/files/hello/0
                    guestPath: /config
                dataImports:
                  redis: {keyPrefix: "hello:"}
                  postgres: {urlEnv: HELLO_PG_URL}
            """);

        var hello = file.For("hello");
        hello.TimeoutMs.Should().Be(500);
        hello.MaxMemoryBytes.Should().Be(32L << 20);
        hello.MaxOutputBytes.Should().Be(64L << 10);
        hello.MaxConcurrency.Should().Be(2);
        hello.Env.Should().Equal(new KeyValuePair<string, string>("GREETING", "hi"), new KeyValuePair<string, string>("COUNT", "3"));
        hello.Files.Should().Equal(new FileGrant("/etc/booster/files/hello/0", "/config"));
        hello.Redis.Should().Be(new ImportGrant(true, "hello:"));
        hello.Postgres.Allowed.Should().BeTrue();
        hello.Postgres.UrlEnv.Should().Be("HELLO_PG_URL");
        hello.Postgres.Endpoint!.Host.Should().Be("db.example");
        hello.Postgres.Endpoint.User.Should().Be("hello");
    }

    [Fact]
    public void AModuleNotNamedAndANamedModuleWithNothingSetGetTheRuntimesSettings()
    {
        var file = Valid("modules:\n  quiet:\n");

        file.Modules.Keys.Should().Equal("quiet");
        file.For("quiet").Should().Be(ModuleEntry.Unset);
        file.For("other").Should().Be(ModuleEntry.Unset);
        Valid("").Modules.Should().BeEmpty();
        Valid("modules: {}").Modules.Should().BeEmpty();
    }

    [Fact]
    public void FalseDeniesAnImportAndAnOwnRedisComesFromItsVariable()
    {
        var file = Valid("""
            modules:
              a: {dataImports: {redis: false, postgres: false}}
              b: {dataImports: {redis: {urlEnv: HELLO_REDIS_URL, keyPrefix: "b/"}}}
            """);

        file.For("a").Redis.Should().Be(ImportGrant.Denied);
        file.For("a").Postgres.Should().Be(ImportGrant.Denied);
        file.For("b").Redis.Endpoint!.Port.Should().Be(6380);
        file.For("b").Redis.KeyPrefix.Should().Be("b/");
        file.For("b").Postgres.Should().Be(ImportGrant.Runtime);
    }

    [Fact]
    public void ARelativeFolderIsTheSettingsFilesFolders() =>
        Valid("modules: {m: {files: [{path: models, guestPath: /models}]}}").For("m").Files.Single().Path.Should().Be("/srv/base/models");

    [Theory]
    [InlineData("timeoutMs: 10001", "'modules.m.timeoutMs' must be an integer from 1 to 10000 (the runtime's BOOSTER_TIMEOUT_MS); got '10001'")]
    [InlineData("timeoutMs: 0", "'modules.m.timeoutMs' must be an integer from 1 to 10000")]
    [InlineData("timeoutMs: fast", "got 'fast'")]
    [InlineData("maxMemory: 512Mi", "'modules.m.maxMemory' must be a byte count such as 65536, 64Ki, 1Mi or 2Gi, from 64Ki to 256Mi (the runtime's BOOSTER_MAX_MEMORY_BYTES); got '512Mi'")]
    [InlineData("maxMemory: 32MB", "got '32MB'")]
    [InlineData("maxOutput: 2Mi", "'modules.m.maxOutput' must be a byte count such as 65536, 64Ki, 1Mi or 2Gi, from 0 to 1Mi (the runtime's BOOSTER_MAX_OUTPUT_BYTES)")]
    [InlineData("maxConcurrency: 9", "'modules.m.maxConcurrency' must be an integer from 1 to 8 (the runtime's BOOSTER_POOL_MAX); got '9'")]
    [InlineData("timeout: 5", "'modules.m.timeout' is not a known field; expected one of timeoutMs, maxMemory, maxOutput, maxConcurrency, env, files, dataImports")]
    [InlineData("env: [A]", "'modules.m.env' must be a mapping of variable names to string values")]
    [InlineData("env: {'A=B': x}", "'modules.m.env' has an invalid variable name 'A=B'")]
    [InlineData("env: {A: {b: c}}", "'modules.m.env.A' must be a string")]
    [InlineData("files: [{path: /nowhere, guestPath: /config}]", "'modules.m.files[0].path': the folder '/nowhere' does not exist")]
    [InlineData("files: [{path: models}]", "'modules.m.files[0].guestPath' is required")]
    [InlineData("files: [{path: models, guestPath: /a/../b}]", "'modules.m.files[0].guestPath' must be an absolute path of plain names")]
    [InlineData("files: [{path: models, guestPath: config}]", "'modules.m.files[0].guestPath' must be an absolute path")]
    [InlineData("files: [{path: models, guestPath: /c, readOnly: false}]", "'modules.m.files[0].readOnly' is not a known field; expected one of path, guestPath")]
    [InlineData("dataImports: {mysql: false}", "'modules.m.dataImports.mysql' is not a known field; expected one of redis, postgres")]
    [InlineData("dataImports: {redis: true}", "'modules.m.dataImports.redis' must be false (denied) or a mapping with 'keyPrefix' and/or 'urlEnv'; got 'true'")]
    [InlineData("dataImports: {postgres: {keyPrefix: x}}", "'modules.m.dataImports.postgres.keyPrefix' is not a known field; expected one of urlEnv")]
    [InlineData("dataImports: {postgres: {urlEnv: MISSING_URL}}", "'modules.m.dataImports.postgres.urlEnv': the variable MISSING_URL is not set in the runtime's environment")]
    public void AProblemIsRefusedNamingTheFieldAndTheAcceptedForm(string setting, string expected) =>
        OneError($"modules:\n  m:\n    {setting}\n").Should().Contain(expected);

    [Fact]
    public void AUrlThatDoesNotParseIsRefusedWithoutShowingItsValue()
    {
        var error = OneError("modules: {m: {dataImports: {postgres: {urlEnv: BROKEN_URL}}}}");

        error.Should().Contain("'modules.m.dataImports.postgres.urlEnv': BROKEN_URL is invalid: ").And.Contain("expected postgres://");
        error.Should().NotContain("broken-secret-3");
    }

    [Fact]
    public void EveryProblemOfTheFileIsReportedTogether()
    {
        var (file, errors) = Parse("""
            modules:
              a: {timeoutMs: 99999, maxMemory: 1Gi}
              b: {files: [{path: /nowhere, guestPath: /x}]}
            extra: 1
            """);

        file.Should().BeNull();
        errors.Should().HaveCount(4);
        errors.Should().Contain(e => e.StartsWith("'extra' is not a known field", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("modules: [a, b]", "'modules' must be a mapping of module names to their settings")]
    [InlineData("- a", "the file must be a mapping with one field, 'modules'")]
    [InlineData("modules:\n  ../x: {}", "'modules.../x': not a module name")]
    [InlineData("modules: {a: 5}", "'modules.a' must be a mapping of settings")]
    [InlineData("modules:\n  a: {timeoutMs: 5\n", "not valid YAML at line")]
    [InlineData("modules:\n  a: {}\n  a: {}\n", "not valid YAML at line 3")]
    public void AFileThatIsNotTheFormatIsRefused(string yaml, string expected) => OneError(yaml).Should().Contain(expected);

    [Fact]
    public void TheSameGuestPathTwiceIsRefused() =>
        OneError("modules: {m: {files: [{path: models, guestPath: /c}, {path: /srv/base/models, guestPath: /c}]}}")
            .Should().Contain("'modules.m.files[1].guestPath': '/c' is given twice");
}
