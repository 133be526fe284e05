using System.Text.Json.Nodes;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Chart;

/// <summary>values.yaml is documented line by line, and docs/installation.md lists every value.</summary>
public class ValuesDocTests
{
    private static readonly string[] ValuesLines = File.ReadAllLines(Path.Combine(RepositoryPaths.Chart, "values.yaml"));

    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Chart, "values.schema.json")))!;

    /// <summary>Dotted paths of the values the schema names one by one (not the entries of free-form maps).</summary>
    private static List<string> SchemaValues(JsonNode schema, string prefix)
    {
        if (schema["$ref"] is { } reference)
            schema = Schema["definitions"]![((string)reference!).Split('/')[^1]]!;
        if (schema["properties"] is not JsonObject properties) return [prefix];
        return properties.SelectMany(p => SchemaValues(p.Value!, prefix.Length == 0 ? p.Key : $"{prefix}.{p.Key}")).ToList();
    }

    /// <summary>The line of values.yaml that sets a dotted path, by indentation.</summary>
    private static int LineOf(string path)
    {
        var line = -1;
        var indent = 0;
        foreach (var key in path.Split('.'))
        {
            line = Array.FindIndex(ValuesLines, line + 1, l => l.StartsWith(new string(' ', indent) + key + ":", StringComparison.Ordinal));
            if (line < 0) return -1;
            indent += 2;
        }
        return line;
    }

    [Fact]
    public void EveryValueInValuesYamlHasACommentAboveIt()
    {
        var present = SchemaValues(Schema, "").Where(path => LineOf(path) >= 0).ToList();

        present.Should().Contain(["replicaCount", "runtime.image.repository", "metrics.serviceMonitor.labels"]);
        present.Where(path => !ValuesLines[LineOf(path) - 1].TrimStart().StartsWith('#'))
            .Should().BeEmpty("every value is explained on the line above it");
    }

    [Fact]
    public void TheInstallationGuideListsEveryValue()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Docs, "installation.md"));
        var present = SchemaValues(Schema, "").Where(path => LineOf(path) >= 0).ToList();

        present.Where(path => !text.Contains($"`{path}`", StringComparison.Ordinal)).Should().BeEmpty();
    }
}
