using System.Text;
using System.Text.RegularExpressions;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The build context: the repository root filtered by its <c>.dockerignore</c>, with Docker's
/// rules (the last matching pattern wins, <c>!</c> re-includes, a pattern that matches a folder
/// matches everything in it, <c>**</c> spans folders).
/// </summary>
internal sealed class DockerContext
{
    private readonly List<(Regex Pattern, bool Include)> _rules = [];

    public string Root { get; }

    public DockerContext(string root)
    {
        Root = root;
        var ignore = Path.Combine(root, ".dockerignore");
        if (!File.Exists(ignore)) return;
        foreach (var raw in File.ReadAllLines(ignore))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var include = line.StartsWith('!');
            _rules.Add((ToRegex(line.TrimStart('!').Trim('/')), include));
        }
    }

    /// <summary>Whether a path relative to the root (with '/') is left out of the context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var segments = relativePath.Trim('/').Split('/');
        var prefixes = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            if (prefixes.Any(pattern.IsMatch)) excluded = !include;
        }
        return excluded;
    }

    /// <summary>Copies one COPY source (a file, or a folder's content) to a destination, as Docker would.</summary>
    public void Copy(string source, string destination)
    {
        var from = Path.Combine(Root, source);
        if (IsExcluded(source) || !(File.Exists(from) || Directory.Exists(from)))
            throw new FileNotFoundException($"COPY {source}: not in the build context (missing or excluded by .dockerignore)");
        Filesystem.CopyInto(from, destination, relative => IsExcluded(Path.Combine(source, relative).Replace('\\', '/')));
    }

    private static Regex ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (glob[i] == '*') regex.Append("[^/]*");
            else if (glob[i] == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(glob[i].ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
