using System.Text.RegularExpressions;

namespace Booster.Tests.Shared;

/// <summary>
/// Which top-level folders of a project under src/ the code of one of its folders refers to, read
/// from the sources: using directives and names qualified with the project's namespace
/// (<c>Booster.Runtime.Http</c>), and names qualified from inside it (<c>Desired.Keda.ScaledObject</c>).
/// Folders are namespaces here, so that is every way one folder's code reaches another's.
/// </summary>
internal static partial class FolderReferences
{
    /// <summary>The top-level folders of src/<paramref name="project"/> that hold code.</summary>
    public static IReadOnlyList<string> FoldersOf(string project) =>
        Directory.GetDirectories(RepositoryPaths.File("src", project))
            .Where(folder => SourceFiles(folder).Any())
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Each file of <paramref name="folder"/> with each other folder of <paramref name="folders"/> it names.</summary>
    public static IEnumerable<(string File, string Folder)> From(string project, string folder, IReadOnlyCollection<string> folders)
    {
        var root = RepositoryPaths.File("src", project, folder);
        var qualified = new Regex($@"{Regex.Escape(project)}\.(?<folder>[A-Za-z]+)");
        foreach (var file in SourceFiles(root))
        {
            var text = File.ReadAllText(file);
            var names = qualified.Matches(text).Select(m => m.Groups["folder"].Value)
                .Concat(RelativeName().Matches(text).Select(m => m.Groups["folder"].Value))
                .Where(folders.Contains).Where(f => f != folder).Distinct();
            foreach (var name in names) yield return (Path.GetRelativePath(root, file), name);
        }
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>A name qualified from inside the project's namespace, e.g. <c>Desired.Keda.ScaledObject</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z][A-Za-z]+)\.[A-Z]")]
    private static partial Regex RelativeName();
}
