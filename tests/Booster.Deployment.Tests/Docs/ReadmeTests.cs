using System.Text.RegularExpressions;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Docs;

/// <summary>The README's commands and every relative link of the user documentation.</summary>
public partial class ReadmeTests
{
    private static readonly string Readme = RepositoryPaths.File("README.md");

    private static IEnumerable<string> DocumentationFiles() =>
        Directory.GetFiles(RepositoryPaths.Docs, "*.md").Append(Readme).Append(RepositoryPaths.File("config", "README.md"))
            .Append(RepositoryPaths.File("bench", "README.md")).Append(RepositoryPaths.File("bench", "HISTORY.md"));

    [Fact]
    public void TheReadmeKeepsTheTwoSetUpCommands()
    {
        var lines = File.ReadAllLines(Readme).Select(l => l.Trim()).ToList();

        lines.Should().Contain("dotnet run --project src/Booster.Runtime").And.Contain("scripts/test.sh");
    }

    [Fact]
    public void TheClusterQuickstartGoesFromKindToACurl()
    {
        var all = File.ReadAllText(Readme);
        var text = all[all.IndexOf("## Quickstart on a cluster", StringComparison.Ordinal)..];
        var steps = new[] { "kind create cluster", "helm install booster charts/booster", "kubectl apply -f config/samples/minimal.yaml", "kubectl port-forward service/hello 2678:2678", "curl -s localhost:2678/run" };

        steps.Select(step => text.IndexOf(step, StringComparison.Ordinal)).Should().BeInAscendingOrder().And.NotContain(-1);
        File.Exists(RepositoryPaths.File("config", "samples", "minimal.yaml")).Should().BeTrue();
        File.ReadAllText(RepositoryPaths.File("config", "samples", "minimal.yaml")).Should().Contain("name: hello");
    }

    [Fact]
    public void TheQuickstartBuildsTheImagesUnderTheNamesTheChartUses()
    {
        var text = File.ReadAllText(Readme);

        text.Should().Contain($"docker build -f src/Booster.Runtime/Dockerfile  -t {Dockerfile.Runtime.Tag} .")
            .And.Contain($"docker build -f src/Booster.Operator/Dockerfile -t {Dockerfile.Operator.Tag} .");
    }

    [Fact]
    public void APerformanceHeadingLinksThePerformanceResults()
    {
        var text = File.ReadAllText(Readme);
        var section = text[text.IndexOf("\n## Performance\n", StringComparison.Ordinal)..];

        section.Should().Contain("(docs/performance.md)");
    }

    [Fact]
    public void EveryRelativeLinkOfTheDocumentationResolves()
    {
        var broken = new List<string>();
        foreach (var file in DocumentationFiles())
        {
            foreach (Match link in Link().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups[1].Value;
                if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith('#')) continue;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                if (!File.Exists(path) && !Directory.Exists(path)) broken.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {target}");
            }
        }

        broken.Should().BeEmpty();
    }

    [Fact]
    public void EveryAnchorOfALinkBetweenPagesExists()
    {
        var broken = new List<string>();
        foreach (var file in DocumentationFiles())
        {
            foreach (Match link in AnchorLink().Matches(File.ReadAllText(file)))
            {
                var page = link.Groups[1].Value.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, link.Groups[1].Value));
                if (!File.Exists(page)) continue;
                var anchors = File.ReadAllLines(page).Where(l => l.StartsWith('#')).Select(Slug).ToHashSet();
                if (!anchors.Contains(link.Groups[2].Value)) broken.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {link.Value}");
            }
        }

        broken.Should().BeEmpty();
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    private static string Slug(string heading) =>
        Regex.Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-');

    [GeneratedRegex(@"\]\(([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\]\(([^)#\s]*)#([^)\s]+)\)")]
    private static partial Regex AnchorLink();
}
