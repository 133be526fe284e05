using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Booster.Operator.Tests.Desired;

/// <summary>The booster.yaml rendered from spec.modules.settings, in the runtime's format.</summary>
public class ModuleSettingsFileTests
{
    private static string Render(string settingsYaml) =>
        ModuleSettingsFile.Render(Runtimes.FromSpecYaml($"modules:\n  configMap: {{name: m}}\n  settings:\n{settingsYaml}").Spec.Modules!.Settings!);

    [Fact]
    public void RendersEveryFieldInTheRuntimesFormat()
    {
        var text = Render("""
                - name: hello
                  timeoutMs: 500
                  maxMemory: 33554432
                  maxOutput: 64Ki
                  maxConcurrency: 2
                  env: {GREETING: hi}
                  files:
                    - {guestPath: /config, configMap: {name: hello-config}}
                    - {guestPath: /keys, secret: {name: hello-keys, items: [{key: k, path: k.pem}]}}
                  dataImports:
                    redis: {keyPrefix: "hello:", urlSecretRef: {name: r, key: url}}
                    postgres: {urlSecretRef: {name: p, key: url}}
            """);

        text.Should().Be("""
            modules:
              "hello":
                timeoutMs: 500
                maxMemory: 32Mi
                maxOutput: 64Ki
                maxConcurrency: 2
                env:
                  "GREETING": "hi"
                files:
                - path: "/etc/booster/files/hello/0"
                  guestPath: "/config"
                - path: "/etc/booster/files/hello/1"
                  guestPath: "/keys"
                dataImports:
                  redis:
                    keyPrefix: "hello:"
                    urlEnv: "BOOSTER_MODULE_HELLO_REDIS_URL"
                  postgres:
                    urlEnv: "BOOSTER_MODULE_HELLO_POSTGRES_URL"

            """.Replace("\r\n", "\n"));
    }

    [Fact]
    public void ADeniedImportIsFalseAndAGrantWithNothingToSayIsLeftOut()
    {
        var text = Render("""
                - name: a
                  dataImports: {redis: {enabled: false}, postgres: {enabled: true}}
                - name: b
                  dataImports: {redis: {}, postgres: {enabled: false}}
                - name: c
                  dataImports: {redis: {enabled: true}}
            """);

        var modules = Parse(text)["modules"]!;
        modules["a"]!["dataImports"]!.ToJsonString().Should().Be("""{"redis":false}""");
        modules["b"]!["dataImports"]!.ToJsonString().Should().Be("""{"postgres":false}""");
        modules["c"]!.AsObject().Should().BeEmpty("a granted import without a prefix or URL is the pool's, as when it is left out");
    }

    /// <summary>Strings a YAML 1.1 reader (the one kubectl uses) would turn into something else stay strings.</summary>
    [Fact]
    public void UserStringsStayStringsForAnyYamlReader()
    {
        string[] tricky = ["true", "no", "0123", "1e3", "null", "~", "a: b", "- x", "#c", "'q'", "\"dq\"", "", "x\ny", "é✓"];
        var env = string.Join(", ", tricky.Select((value, i) => $"V{i:00}: {JsonValue.Create(value)!.ToJsonString()}"));

        var text = Render($"    - name: '123'\n      env: {{{env}}}\n");

        var module = Parse(text)["modules"]!["123"]!;
        module["env"]!.AsObject().Select(p => p.Value!.GetValueKind()).Should().OnlyContain(kind => kind == System.Text.Json.JsonValueKind.String);
        module["env"]!.AsObject().Select(p => (string)p.Value!).Should().Equal(tricky);
        // YamlDotNet's own model (YAML 1.2) reads the same values, every one of them quoted.
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var envNode = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["modules"])["123"])["env"];
        envNode.Children.Values.Cast<YamlScalarNode>().Select(s => s.Value).Should().Equal(tricky);
        envNode.Children.Values.Cast<YamlScalarNode>().Should().OnlyContain(s => s.Style == YamlDotNet.Core.ScalarStyle.DoubleQuoted);
    }

    [Fact]
    public void ModulesAndEnvAreInNameOrderSoReorderingChangesNothing()
    {
        var one = Render("    - {name: b, env: {Z: '1', A: '2'}}\n    - {name: a, timeoutMs: 5}\n");
        var other = Render("    - {name: a, timeoutMs: 5}\n    - {name: b, env: {A: '2', Z: '1'}}\n");

        one.Should().Be(other);
        Parse(one)["modules"]!.AsObject().Select(p => p.Key).Should().Equal("a", "b");
    }

    [Fact]
    public void AModuleWithOnlyItsNameIsAnEmptyMap() =>
        Parse(Render("    - name: plain\n"))["modules"]!["plain"]!.AsObject().Should().BeEmpty();

    private static JsonNode Parse(string text) => YamlDocuments.Parse(text).Single();
}
