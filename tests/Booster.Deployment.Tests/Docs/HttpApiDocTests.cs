using System.Globalization;
using System.Text.RegularExpressions;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Docs;

/// <summary>docs/http-api.md against the runtime's sources: every error code with its status, every route.</summary>
public partial class HttpApiDocTests
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Docs, "http-api.md");

    /// <summary>The one place the runtime defines its error codes and their statuses.</summary>
    private static readonly string ErrorCodeSource = RepositoryPaths.File("src", "Booster.Runtime", "Http", "ErrorCode.cs");

    /// <summary>Every <c>new("code", StatusCodes.StatusNNN…)</c> in ErrorCode.cs.</summary>
    private static Dictionary<string, int> CodesInSource() =>
        ErrorCodeDefinition().Matches(File.ReadAllText(ErrorCodeSource))
            .Select(m => (Code: m.Groups[1].Value, Status: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .Distinct()
            .ToDictionary(c => c.Code, c => c.Status);

    [Fact]
    public void TheSourceDefinesTheKnownCodes()
    {
        // Guards the parsing below: if this fails, the way codes are written changed, not the docs.
        CodesInSource().Should().Contain("bad_request", 400).And.Contain("timeout", 504).And.Contain("method_not_allowed", 405);
    }

    [Fact]
    public void NoOtherSourceMakesAnErrorCode()
    {
        var elsewhere = Directory.GetFiles(RepositoryPaths.File("src", "Booster.Runtime"), "*.cs", SearchOption.AllDirectories)
            .Where(file => Path.GetFullPath(file) != Path.GetFullPath(ErrorCodeSource))
            .Where(file => ErrorCodeDefinition().IsMatch(File.ReadAllText(file)) || ErrorCodeCopy().IsMatch(File.ReadAllText(file)))
            .Select(Path.GetFileName);

        elsewhere.Should().BeEmpty("ErrorCode.cs is the one place a code meets its status");
    }

    [Fact]
    public void EveryErrorCodeIsDocumentedWithItsStatusAndNothingElse()
    {
        var table = MarkdownTables.WithHeader(Doc, "code", "status", "when");
        var documented = table.Rows.ToDictionary(row => MarkdownTable.Unquote(row[0]), row => int.Parse(row[1], CultureInfo.InvariantCulture));

        documented.Should().BeEquivalentTo(CodesInSource());
    }

    [Fact]
    public void EveryRouteIsDocumented()
    {
        var routes = Directory.GetFiles(RepositoryPaths.File("src", "Booster.Runtime"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Route().Matches(File.ReadAllText(file)))
            .Select(m => m.Groups[1].Value switch { "Metrics" or "Get" => "GET", var verb => verb.ToUpperInvariant() } + " " + m.Groups[2].Value)
            .ToList();
        var table = MarkdownTables.WithHeader(Doc, "route", "answer");

        routes.Should().Contain(["GET /health", "POST /run", "GET /metrics"]);
        table.Keys.Should().BeEquivalentTo(routes);
    }

    [GeneratedRegex(@"new(?:\s+ErrorCode)?\(""([a-z_]+)"",\s*StatusCodes\.Status(\d{3})")]
    private static partial Regex ErrorCodeDefinition();

    [GeneratedRegex(@"new\s+ErrorCode\(|ErrorCode\.\w+\s+with\s*\{")]
    private static partial Regex ErrorCodeCopy();

    [GeneratedRegex(@"\.Map(Get|Post|Put|Delete|Metrics)\(""([^""]+)""")]
    private static partial Regex Route();
}
