using System.Globalization;
using System.Text.RegularExpressions;
using Booster.Contract;
using Booster.Deployment.Tests.Support;
using Booster.Operator.Desired;
using Booster.Operator.Hosting;
using YamlDotNet.RepresentationModel;

namespace Booster.Deployment.Tests.Docs;

/// <summary>
/// docs/configuration.md against the code: the runtime's variables and defaults
/// (Booster.Contract), the CRD's fields and defaults (config/crds), the operator's flags.
/// </summary>
public partial class ConfigurationDocTests
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Docs, "configuration.md");

    /// <summary>Modules in a ConfigMap meet Kubernetes' 1 MiB object limit: the field's row says so, and what to use instead.</summary>
    [Fact]
    public void TheConfigMapRowStatesTheOneMebibyteLimitAndTheAlternatives()
    {
        var row = File.ReadLines(Doc).Single(line => line.StartsWith("| `spec.modules.configMap.name`", StringComparison.Ordinal));

        row.Should().Contain("1 MiB").And.Contain("`modules.image`").And.Contain("`modules.persistentVolumeClaim`");
    }

    [Fact]
    public void EveryRuntimeVariableIsDocumentedInTheContractsOrder()
    {
        var table = MarkdownTables.WithHeader(Doc, "variable", "default", "meaning");

        table.Keys.Should().Equal(BoosterVariables.All);
    }

    [Fact]
    public void EveryRuntimeVariablesDocumentedDefaultIsTheContractsDefault()
    {
        var table = MarkdownTables.WithHeader(Doc, "variable", "default", "meaning");
        // What the runtime's settings at their defaults write as environment: the defaults, as text.
        var defaults = RuntimeEnvironment.ToVariables(new RuntimeSettings()).ToDictionary(v => v.Key, v => v.Value);

        foreach (var variable in BoosterVariables.All)
        {
            var documented = MarkdownTables.LeadingLiteral(table.Cell(variable, "default"));
            if (defaults.TryGetValue(variable, out var value)) documented.Should().Be(value, $"the default of {variable}");
            else documented.Should().BeNull($"{variable} has no default value; the cell should say what happens when it is unset");
        }
    }

    [Fact]
    public void TheTunedMemoryDefaultsAreTheContractsConstants()
    {
        var table = MarkdownTables.WithHeader(Doc, "field", "type", "default", "meaning");

        table.Cell("spec.wasmtime.memoryGuardSize", "default").Should().Contain($"tuned: {WasmtimeMemorySettings.TunedGuardSize}");
        table.Cell("spec.wasmtime.memoryReservation", "default").Should().Contain($"tuned: {WasmtimeMemorySettings.TunedReservation}");
        table.Cell("spec.wasmtime.memoryReservationForGrowth", "default").Should().Contain($"tuned: {WasmtimeMemorySettings.TunedReservationForGrowth}");
    }

    [Fact]
    public void EveryCrdFieldIsDocumentedAndNothingElse()
    {
        var table = MarkdownTables.WithHeader(Doc, "field", "type", "default", "meaning");

        table.Keys.Should().BeEquivalentTo(CrdFields().Keys);
    }

    [Fact]
    public void EveryDocumentedFieldDefaultIsTheCrdsDefault()
    {
        var table = MarkdownTables.WithHeader(Doc, "field", "type", "default", "meaning");

        foreach (var (field, crdDefault) in CrdFields())
        {
            var documented = MarkdownTables.LeadingLiteral(table.Cell(field, "default"));
            if (crdDefault is null) documented.Should().BeNull($"{field} has no default in the CRD; the cell should say what applies instead");
            else documented.Should().Be(crdDefault, $"the CRD's default of {field}");
        }
    }

    [Fact]
    public void TheOperatorsDefaultRuntimeImageIsDocumented()
    {
        var table = MarkdownTables.WithHeader(Doc, "flag", "environment", "default", "meaning");

        MarkdownTables.LeadingLiteral(table.Cell("--runtime-image", "default")).Should().Be(DesiredStateOptions.DefaultRuntimeImage);
    }

    [Fact]
    public void EveryOperatorFlagIsDocumentedWithItsEnvironmentVariable()
    {
        var table = MarkdownTables.WithHeader(Doc, "flag", "environment", "default", "meaning");
        var usage = RunArguments.Usage;
        var flags = Flag().Matches(usage).Select(m => m.Groups[1].Value).Distinct().Where(f => f != "--help").ToList();

        table.Keys.Should().BeEquivalentTo(flags);
        foreach (var flag in flags)
        {
            // The usage line of each flag names its variable: "(env NAME)".
            var line = usage.Split('\n').Single(l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal));
            var variable = Regex.Match(line, @"\(env (\w+)\)").Groups[1].Value;
            MarkdownTables.LeadingLiteral(table.Cell(flag, "environment")).Should().Be(variable, flag);
        }
    }

    /// <summary>
    /// The CRD's documented fields, with their defaults as text (null: none). A field is a
    /// property without sub-properties — a value, a list, a map — or a whole upstream type
    /// (a description naming "core/v1"), which the docs describe as one.
    /// </summary>
    private static Dictionary<string, string?> CrdFields()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryPaths.Crd)));
        var version = (YamlMappingNode)((YamlSequenceNode)Map(stream.Documents[0].RootNode, "spec", "versions")).Children[0];
        var root = Map(version, "schema", "openAPIV3Schema", "properties");
        var fields = new Dictionary<string, string?>();
        foreach (var top in new[] { "spec", "status" }) Walk(Map(root, top), top, fields);
        return fields;
    }

    private static void Walk(YamlNode schema, string path, Dictionary<string, string?> fields)
    {
        var node = (YamlMappingNode)schema;
        var description = node.Children.TryGetValue("description", out var d) ? ((YamlScalarNode)d).Value : "";
        if (node.Children.TryGetValue("properties", out var properties) && !description!.Contains("core/v1", StringComparison.Ordinal))
        {
            foreach (var (name, child) in ((YamlMappingNode)properties).Children) Walk(child, $"{path}.{((YamlScalarNode)name).Value}", fields);
            return;
        }
        fields[path] = node.Children.TryGetValue("default", out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
    }

    private static YamlNode Map(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    [GeneratedRegex(@"(--[a-z][a-z-]+)")]
    private static partial Regex Flag();
}
