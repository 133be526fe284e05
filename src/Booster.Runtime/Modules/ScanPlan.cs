using Booster.Contract;

namespace Booster.Runtime.Modules;

/// <summary>
/// What one scan of BOOSTER_PATH does, decided from the file names it lists: which file serves
/// each module name, which files are refused for their name, which served modules have gone, and
/// which files need loading. The kind of a file plays no part: a component is a <c>.wasm</c> file too,
/// and a <c>.wat</c> file may hold a component. Pure: names in, a plan out; reading, hashing
/// and loading are <see cref="ModuleWatcher"/>'s.
/// </summary>
/// <param name="Files">One file per valid module name, in listing order.</param>
/// <param name="BadlyNamed">Files whose name is not a valid module name.</param>
/// <param name="Present">Every file listed, whatever its name: what settled state is kept for.</param>
internal sealed record ScanPlan(
    IReadOnlyList<(string Name, string File)> Files,
    IReadOnlyList<(string Name, string File)> BadlyNamed,
    IReadOnlySet<string> Present)
{
    public static ScanPlan For(IReadOnlyList<string> listed)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var badlyNamed = new List<(string, string)>();
        foreach (var file in listed)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!RuntimeSettingsParser.IsValidModuleName(name))
            {
                badlyNamed.Add((name, file));
                continue;
            }
            // hello.wasm and hello.wat both present: the binary wins, deterministically.
            if (byName.TryGetValue(name, out var other) && IsBinary(other)) continue;
            byName[name] = file;
        }
        return new ScanPlan(
            [.. byName.Select(m => (m.Key, m.Value))],
            badlyNamed,
            listed.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Modules among <paramref name="served"/> whose name no file carries any more.</summary>
    public IReadOnlyList<string> Removed(IEnumerable<string> served)
    {
        var named = Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return [.. served.Where(name => !named.Contains(name))];
    }

    /// <summary>Files among <paramref name="settled"/> no longer listed: what is known of them can go.</summary>
    public IReadOnlyList<string> Unlisted(IEnumerable<string> settled) => [.. settled.Where(file => !Present.Contains(file))];

    /// <summary>
    /// Whether a file needs loading: not while it loads, and not when this very version
    /// (<paramref name="settled"/>: the stamp it had when it last loaded or was refused) is in force.
    /// </summary>
    public static bool NeedsLoad(FileStamp stamp, FileStamp? settled, bool loading) => !loading && settled != stamp;

    /// <summary>A file touched but not changed: the same bytes from the same file serve already.</summary>
    public static bool ServesAlready(LoadedModule? current, string file, string sha256) =>
        current is not null && current.Sha256 == sha256 && current.FilePath == file;

    private static bool IsBinary(string file) => file.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase);
}
