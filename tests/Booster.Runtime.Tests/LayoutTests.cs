namespace Booster.Runtime.Tests;

/// <summary>
/// Dependencies between the runtime's top-level folders point one way, so that each can be read
/// with only what is below it: Execution runs code knowing nothing of files, settings or HTTP;
/// Observability, DataImports, Modules and ModuleSettings build on it; Configuration, Capacity,
/// Http and Hosting on those. A cycle means some type sits in the wrong folder.
/// </summary>
public class LayoutTests
{
    private const string Project = "Booster.Runtime";

    /// <summary>The folders from the bottom up, as README's Layout lists them.</summary>
    private static readonly string[] Order =
        ["Execution", "Observability", "DataImports", "Modules", "ModuleSettings", "Configuration", "Capacity", "Http", "Hosting"];

    [Fact]
    public void EveryFolderHasItsPlaceInTheOrder() =>
        FolderReferences.FoldersOf(Project).Should().BeEquivalentTo(Order, "a new folder is placed among the others (here and in README's Layout)");

    [Fact]
    public void EachFolderUsesOnlyTheFoldersBeforeIt() =>
        Order.SelectMany(folder => FolderReferences.From(Project, folder, Order)
                .Where(r => Array.IndexOf(Order, r.Folder) > Array.IndexOf(Order, folder))
                .Select(r => $"{folder}/{r.File} uses {r.Folder}, which comes after it"))
            .Should().BeEmpty();

    [Fact]
    public void NoFoldersDependOnEachOtherInACycle()
    {
        var folders = FolderReferences.FoldersOf(Project);
        var references = folders.SelectMany(folder => FolderReferences.From(Project, folder, folders)
            .Select(r => (From: folder, To: r.Folder, r.File))).ToList();

        var cycle = Cycle(references.Select(r => (r.From, r.To)));

        cycle.Should().BeEmpty("folders depend on each other in a cycle through " + string.Join(", ",
            cycle.Zip(cycle.Skip(1).Append(cycle.FirstOrDefault() ?? ""))
                .SelectMany(edge => references.Where(r => r.From == edge.First && r.To == edge.Second)
                    .Select(r => $"{r.From}/{r.File} uses {r.To}"))));
    }

    [Fact]
    public void TheScanFindsUsingDirectivesAndQualifiedNames() =>
        FolderReferences.From(Project, "Hosting", FolderReferences.FoldersOf(Project)).Select(r => r.Folder)
            .Should().Contain(["Http", "Execution", "Capacity", "Modules"]);

    [Fact]
    public void ACycleIsFoundThroughAnyNumberOfFolders()
    {
        Cycle([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]).Should().Equal("A", "B", "C");
        Cycle([("A", "B"), ("B", "C"), ("A", "C")]).Should().BeEmpty();
    }

    /// <summary>The folders of one cycle among the edges, in order from the first found; empty when there is none.</summary>
    private static IReadOnlyList<string> Cycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Distinct().GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } found) return found;
        }
        return [];

        IReadOnlyList<string>? Visit(string folder)
        {
            var onPath = path.IndexOf(folder);
            if (onPath >= 0) return path[onPath..];
            if (!done.Add(folder)) return null;
            path.Add(folder);
            foreach (var to in next.GetValueOrDefault(folder) ?? [])
            {
                if (Visit(to) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
    }
}
