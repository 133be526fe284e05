using System.Text.Json;
using System.Text.Json.Nodes;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// PromQL read by Prometheus' own grammar (@prometheus-io/lezer-promql, installed with the
/// schema validators), through <c>scripts/operator-test-tools/promql.cjs</c>.
/// </summary>
internal static class PromQl
{
    /// <summary>A metric selector of an expression, and the function it is the argument of (null: none).</summary>
    public sealed record Selector(string? Metric, string? Function);

    public sealed record Parsed(string Expression, IReadOnlyList<string> Errors, IReadOnlyList<Selector> Selectors);

    private static string Script => RepositoryPaths.File("scripts", "operator-test-tools", "promql.cjs");

    public static async Task<IReadOnlyList<Parsed>> ParseAsync(IReadOnlyList<string> expressions)
    {
        KubernetesSchemas.SkipUnlessInstalled();
        var input = new JsonArray(expressions.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()).ToJsonString();
        var result = await ProcessRunner.RunAsync("node", [Script, KubernetesSchemas.ToolsDir], stdin: input);
        result.ExitCode.Should().Be(0, result.ToString());
        var described = JsonNode.Parse(result.Stdout)!.AsArray();
        return expressions.Select((expression, i) => new Parsed(
            expression,
            described[i]!["errors"]!.AsArray().Select(e => (string)e!).ToList(),
            described[i]!["selectors"]!.AsArray().Select(s => new Selector((string?)s!["metric"], (string?)s["function"])).ToList())).ToList();
    }

    /// <summary>
    /// A Grafana query as Prometheus receives it: Grafana's interval variables replaced by a
    /// duration; the others ($namespace, …) stand inside label values and stay.
    /// </summary>
    public static string FromGrafana(string query) => query
        .Replace("$__rate_interval", "5m", StringComparison.Ordinal)
        .Replace("$__interval", "1m", StringComparison.Ordinal)
        .Replace("$__range", "1h", StringComparison.Ordinal);
}

/// <summary>Metric families and their types, as a Prometheus text exposition declares them (# TYPE lines).</summary>
internal static class MetricFamilies
{
    public static IReadOnlyDictionary<string, string> Parse(string exposition) =>
        exposition.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 4 && parts[0] == "#" && parts[1] == "TYPE")
            .ToDictionary(parts => parts[2], parts => parts[3]);

    /// <summary>
    /// The series names a family gives a query: its own name, and for a histogram its
    /// _bucket, _sum and _count series (the family name itself is then not a series).
    /// </summary>
    public static IReadOnlyDictionary<string, string> SeriesTypes(IReadOnlyDictionary<string, string> families) =>
        families.SelectMany(f => f.Value == "histogram"
                ? new[] { ($"{f.Key}_bucket", "histogram_bucket"), ($"{f.Key}_sum", "counter"), ($"{f.Key}_count", "counter") }
                : new[] { (f.Key, f.Value) })
            .ToDictionary(s => s.Item1, s => s.Item2);
}
