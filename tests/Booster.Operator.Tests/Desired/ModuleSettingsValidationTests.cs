using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

/// <summary>Invalid spec.modules.settings give errors naming the field, as Degraded=InvalidSpec shows them.</summary>
public class ModuleSettingsValidationTests
{
    private static IEnumerable<string> Errors(string settingsYaml, string rest = "") =>
        SpecValidatorTests.Errors($"{rest}modules:\n  configMap: {{name: m}}\n  settings:\n{settingsYaml}");

    [Fact]
    public void ValidSettingsPass() => Errors("""
            - {name: hello, timeoutMs: 10000, maxMemory: 256Mi, maxOutput: 1Mi, maxConcurrency: 8, env: {A: b}}
            - name: report.v2
              files: [{guestPath: /, secret: {name: s, items: [{key: a, path: x/a}]}}]
              dataImports: {redis: {enabled: false}, postgres: {urlSecretRef: {name: p, key: k}}}
        """).Should().BeEmpty();

    [Theory]
    [InlineData("- {name: a, timeoutMs: 10001}", "spec.modules.settings[0].timeoutMs: 10001 is above spec.limits.timeoutMs (10000): a module's settings may only lower the pool's limits")]
    [InlineData("- {name: a, maxConcurrency: 9}", "spec.modules.settings[0].maxConcurrency: 9 is above spec.pool.maxConcurrency (8)")]
    [InlineData("- {name: a, maxMemory: 512Mi}", "spec.modules.settings[0].maxMemory: '512Mi' is above spec.limits.maxMemoryBytes (268435456)")]
    [InlineData("- {name: a, maxOutput: 2Mi}", "spec.modules.settings[0].maxOutput: '2Mi' is above spec.limits.maxOutputBytes (1048576)")]
    [InlineData("- {name: a, maxOutput: 1MB}", "spec.modules.settings[0].maxOutput: '1MB' is invalid: expected a byte count")]
    [InlineData("- {name: a}\n    - {name: a}", "spec.modules.settings[1].name: 'a' is already set by spec.modules.settings[0]")]
    [InlineData("- {name: .hidden}", "spec.modules.settings[0].name: '.hidden' is not a module name")]
    [InlineData("- {name: 'a/b'}", "spec.modules.settings[0].name: 'a/b' is not a module name")]
    [InlineData("- {timeoutMs: 5}", "spec.modules.settings[0].name: required")]
    [InlineData("- {name: a, env: {'A=B': x}}", "spec.modules.settings[0].env: 'A=B' is not a variable name")]
    [InlineData("- {name: a, files: [{guestPath: config, configMap: {name: c}}]}", "spec.modules.settings[0].files[0].guestPath: 'config' must be an absolute path")]
    [InlineData("- {name: a, files: [{guestPath: /a/../etc, configMap: {name: c}}]}", "spec.modules.settings[0].files[0].guestPath: '/a/../etc' must be an absolute path (starting with '/'), without '..'")]
    [InlineData("- {name: a, files: [{configMap: {name: c}}]}", "spec.modules.settings[0].files[0].guestPath: required")]
    [InlineData("- {name: a, files: [{guestPath: /c, configMap: {name: c}}, {guestPath: /c/, secret: {name: s}}]}", "spec.modules.settings[0].files[1].guestPath: '/c/' is already given by an earlier folder of this module")]
    [InlineData("- {name: a, files: [{guestPath: /c}]}", "spec.modules.settings[0].files[0]: set exactly one of configMap or secret")]
    [InlineData("- {name: a, files: [{guestPath: /c, configMap: {name: c}, secret: {name: s}}]}", "spec.modules.settings[0].files[0]: set exactly one of configMap or secret")]
    [InlineData("- {name: a, files: [{guestPath: /c, secret: {name: Bad_Name}}]}", "spec.modules.settings[0].files[0].secret.name: 'Bad_Name' is not a valid object name")]
    [InlineData("- {name: a, files: [{guestPath: /c, configMap: {name: c, items: [{key: k, path: ../k}]}}]}", "spec.modules.settings[0].files[0].configMap.items[0].path: '../k' must be a relative path, without '..'")]
    [InlineData("- {name: a, files: [{guestPath: /c, configMap: {name: c, items: [{key: 'k k', path: k}]}}]}", "spec.modules.settings[0].files[0].configMap.items[0].key: 'k k' is not a valid key")]
    [InlineData("- {name: a, files: [{guestPath: /c, configMap: {name: c, items: []}}]}", "spec.modules.settings[0].files[0].configMap.items: an empty list would give an empty folder")]
    [InlineData("- {name: a, dataImports: {redis: {enabled: false, keyPrefix: 'a:'}}}", "spec.modules.settings[0].dataImports.redis: enabled: false denies Redis")]
    [InlineData("- {name: a, dataImports: {postgres: {enabled: false, urlSecretRef: {name: p, key: k}}}}", "spec.modules.settings[0].dataImports.postgres: enabled: false denies PostgreSQL")]
    [InlineData("- {name: a, dataImports: {redis: {keyPrefix: ''}}}", "spec.modules.settings[0].dataImports.redis.keyPrefix: must be 1 to 256 characters")]
    [InlineData("- {name: a, dataImports: {postgres: {urlSecretRef: {name: p}}}}", "spec.modules.settings[0].dataImports.postgres.urlSecretRef.key: required")]
    public void InvalidSettingsNameTheirField(string settings, string error) =>
        Errors($"    {settings}\n").Should().ContainSingle().Which.Should().StartWith(error);

    [Fact]
    public void ALimitIsComparedWithThePoolsOwnNotTheDefault() =>
        Errors("    - {name: a, timeoutMs: 20000, maxConcurrency: 16, maxMemory: 512Mi}\n",
            "limits: {timeoutMs: 30000, maxMemoryBytes: 1Gi}\npool: {maxConcurrency: 16}\n").Should().BeEmpty();

    [Fact]
    public void TwoModulesWhoseUrlVariablesWouldCollideAreRefused()
    {
        // Only a contrived name can do it: one that spells out another's hashed variable.
        var hashed = Booster.Operator.Desired.ModuleSettingsLayout.UrlVariable("a-b", ModuleSettingsLayout.PostgresImport);
        var spelled = hashed["BOOSTER_MODULE_".Length..^"_POSTGRES_URL".Length].ToLowerInvariant();

        Errors($"    - {{name: a-b, dataImports: {{postgres: {{urlSecretRef: {{name: p, key: k}}}}}}}}\n" +
               $"    - {{name: {spelled}, dataImports: {{postgres: {{urlSecretRef: {{name: p, key: k}}}}}}}}\n")
            .Should().ContainSingle().Which.Should().StartWith(
                $"spec.modules.settings[1].dataImports.postgres.urlSecretRef: its variable {hashed} is also spec.modules.settings[0].dataImports.postgres.urlSecretRef's");
    }

    [Fact]
    public void SpecEnvMayNotSetWhatTheSettingsSet() =>
        Errors("    - {name: a, dataImports: {redis: {urlSecretRef: {name: r, key: k}}}}\n",
                "env: [{name: BOOSTER_MODULES_CONFIG, value: /x}, {name: BOOSTER_MODULE_A_REDIS_URL, value: redis://x}]\n")
            .Should().BeEquivalentTo(
                "spec.env[0].name: BOOSTER_MODULES_CONFIG is derived from spec.modules.settings; set it there",
                "spec.env[1].name: BOOSTER_MODULE_A_REDIS_URL is derived from spec.modules.settings[0].dataImports.redis.urlSecretRef; set it there");

    [Fact]
    public void SpecEnvNeverPointsTheRuntimeAtAnotherSettingsFile() =>
        // Without settings in the spec, a booster.yaml in the modules folder is still read (the runtime's default).
        SpecValidatorTests.Errors("env: [{name: BOOSTER_MODULES_CONFIG, value: /modules/booster.yaml}]").Should().Equal(
            "spec.env[0].name: BOOSTER_MODULES_CONFIG is derived from spec.modules.settings; set it there");

    [Fact]
    public void ListSizesAreBounded()
    {
        var many = string.Concat(Enumerable.Range(0, ModuleSettingsValidation.MaxModules + 1).Select(i => $"    - {{name: m{i}}}\n"));
        var files = string.Join(", ", Enumerable.Range(0, ModuleSettingsValidation.MaxFiles + 1).Select(i => $"{{guestPath: /f{i}, configMap: {{name: c}}}}"));

        Errors(many).Should().ContainSingle().Which.Should().StartWith($"spec.modules.settings: {ModuleSettingsValidation.MaxModules + 1} modules: at most {ModuleSettingsValidation.MaxModules}");
        Errors($"    - {{name: a, files: [{files}]}}\n").Should().ContainSingle().Which.Should().StartWith("spec.modules.settings[0].files: 17 folders: at most 16");
    }

    [Fact]
    public void TheCrdStatesTheValidatorsListSizesAndNamePattern()
    {
        Crd.At("spec.modules.settings")["maxItems"]!.GetValue<long>().Should().Be(ModuleSettingsValidation.MaxModules);
        Crd.At("spec.modules.settings")["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string)k!).Should().Equal("name");
        Crd.At("spec.modules.settings[].files")["maxItems"]!.GetValue<long>().Should().Be(ModuleSettingsValidation.MaxFiles);
        Crd.At("spec.modules.settings[].env")["maxProperties"]!.GetValue<long>().Should().Be(ModuleSettingsValidation.MaxEnv);
        Crd.At("spec.modules.settings[].dataImports.redis.keyPrefix")["maxLength"]!.GetValue<long>().Should().Be(ModuleSettingsValidation.MaxKeyPrefixLength);
        foreach (var source in new[] { "configMap", "secret" })
            Crd.At($"spec.modules.settings[].files[].{source}.items")["maxItems"]!.GetValue<long>().Should().Be(ModuleSettingsValidation.MaxItems);
        Crd.At("spec.modules.settings[].name")["pattern"]!.ToJsonString().Should().Be(Crd.At("spec.modules.default")["pattern"]!.ToJsonString(),
            "a module's name has one form wherever the spec names a module");
    }

    private static readonly Json.Schema.JsonSchema Schema = OpenApiJsonSchema.Build(Crd.Schema);

    /// <summary>What kubectl apply refuses before the operator sees it (CEL rules aside: only the API server evaluates them).</summary>
    [Theory]
    [InlineData("[{name: .hidden}]", "/spec/modules/settings/0/name")]
    [InlineData("[{timeoutMs: 5}]", "/spec/modules/settings/0")]
    [InlineData("[{name: a, timeoutMs: 0}]", "/spec/modules/settings/0/timeoutMs")]
    [InlineData("[{name: a, maxMemory: 32MB}]", "/spec/modules/settings/0/maxMemory")]
    [InlineData("[{name: a, files: [{guestPath: config, configMap: {name: c}}]}]", "/spec/modules/settings/0/files/0/guestPath")]
    [InlineData("[{name: a, files: [{guestPath: /c}]}]", "/spec/modules/settings/0/files/0")]
    [InlineData("[{name: a, files: [{guestPath: /c, configMap: {name: c, items: [{key: k, path: /k}]}}]}]", "/spec/modules/settings/0/files/0/configMap/items/0/path")]
    [InlineData("[{name: a, dataImports: {redis: {urlEnv: X}}}]", "/spec/modules/settings/0/dataImports/redis/urlEnv")]
    [InlineData("[{name: a, dataImports: {postgres: {keyPrefix: 'a:'}}}]", "/spec/modules/settings/0/dataImports/postgres/keyPrefix")]
    [InlineData("[{name: a, env: {A: 1}}]", "/spec/modules/settings/0/env/A")]
    public void TheSchemaRefusesWhatItCanState(string settings, string location) =>
        OpenApiJsonSchema.Problems(Schema, Runtimes.Document($"modules: {{configMap: {{name: m}}, settings: {settings}}}"))
            .Should().Contain(problem => problem.StartsWith(location + ":", StringComparison.Ordinal));

    /// <summary>Each bound of a module's numeric fields, under a pool that allows the runtime's whole range.</summary>
    public static TheoryData<string, long, bool> Bounds()
    {
        var data = new TheoryData<string, long, bool>();
        foreach (var (path, bounds) in FieldLimits.ByPath.Where(field => field.Key.StartsWith("spec.modules.settings.", StringComparison.Ordinal)))
        {
            data.Add(path, bounds.Minimum, true);
            data.Add(path, bounds.Minimum - 1, false);
            data.Add(path, bounds.Maximum!.Value, true);
            data.Add(path, bounds.Maximum!.Value + 1, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Bounds))]
    public void NumericFieldsAreBoundedByTheRuntimesRanges(string path, long value, bool valid)
    {
        var document = Runtimes.Document("pool: {maxConcurrency: 65536}\nlimits: {timeoutMs: 3600000, maxMemoryBytes: 4Gi, maxOutputBytes: 1Gi}\n" +
                                         "modules: {configMap: {name: m}, settings: [{name: a}]}");
        var field = path["spec.modules.settings.".Length..];
        document["spec"]!["modules"]!["settings"]![0]![field] = JsonValue.Create(value);

        var errors = SpecValidator.Validate(Runtimes.FromJson(document));

        if (valid) errors.Should().BeEmpty();
        else errors.Should().NotBeEmpty().And.OnlyContain(e => e.Path == $"spec.modules.settings[0].{field}");
    }
}
