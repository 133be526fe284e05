using System.Text.RegularExpressions;
using Booster.Operator.Reconciliation;

namespace Booster.Deployment.Tests.Docs;

/// <summary>
/// The README against the code: its Layout names every project under src/ and every folder of
/// each, and its description of the operator names every kind the operator owns.
/// </summary>
public partial class ReadmeLayoutTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.File("README.md"));

    /// <summary>The code block under "## Layout".</summary>
    private static string Layout()
    {
        var section = Readme[Readme.IndexOf("\n## Layout\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```", StringComparison.Ordinal) + 3;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>A project's lines of the layout: its own line and the indented ones after it.</summary>
    private static string LayoutOf(string project)
    {
        var lines = Layout().Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith($"src/{project}/", StringComparison.Ordinal));
        if (first < 0) return "";
        var rest = lines.Skip(first + 1).TakeWhile(l => l.StartsWith(' '));
        return string.Join('\n', rest.Prepend(lines[first]));
    }

    private static IEnumerable<string> Projects() =>
        Directory.GetDirectories(RepositoryPaths.File("src")).Where(HoldsCode).Select(Path.GetFileName).OfType<string>();

    private static bool HoldsCode(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Any(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    public static TheoryData<string> ProjectNames() => new(Projects());

    [Fact]
    public void TheLayoutIsFound() =>
        LayoutOf("Booster.Runtime").Should().Contain("Execution/", "the layout block is read as the code block under ## Layout");

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public void TheLayoutNamesEveryProjectAndEachOfItsFolders(string project)
    {
        var layout = LayoutOf(project);
        layout.Should().NotBeEmpty($"src/{project}/ is a project of the repository");

        var folders = Directory.GetDirectories(RepositoryPaths.File("src", project))
            .Where(HoldsCode).Select(Path.GetFileName).OfType<string>();
        folders.Where(folder => !Regex.IsMatch(layout, $@"(?<![\w.]){Regex.Escape(folder)}/"))
            .Should().BeEmpty($"every folder of src/{project}/ is in the README's layout");
    }

    [Fact]
    public void TheOperatorsDescriptionNamesEveryKindItOwns()
    {
        var start = Readme.IndexOf("- **Booster.Operator**", StringComparison.Ordinal);
        var description = Readme[start..Readme.IndexOf("\n- **", start + 1, StringComparison.Ordinal)];

        OwnedKind.All.Select(kind => kind.Kind)
            .Where(kind => !Regex.IsMatch(description, $@"\b{kind}\b"))
            .Should().BeEmpty("the README says what the operator creates");
    }
}
