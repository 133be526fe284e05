using System.Text.Json;
using System.Text.RegularExpressions;

namespace Booster.Deployment.Tests.Support;

internal sealed record DockerInstruction(string Keyword, string Arguments);

internal sealed record DockerStage(string? Name, string BaseImage, IReadOnlyList<DockerInstruction> Instructions);

/// <summary>
/// A Dockerfile, parsed as far as the tests need: stages and their instructions (continuation
/// lines joined, comments dropped), and the image name its build comment tags it with.
/// </summary>
internal sealed partial class Dockerfile
{
    public static Dockerfile Runtime { get; } = Load(RepositoryPaths.File("src", "Booster.Runtime", "Dockerfile"));

    public static Dockerfile Operator { get; } = Load(RepositoryPaths.File("src", "Booster.Operator", "Dockerfile"));

    public required string Path { get; init; }

    public required IReadOnlyList<DockerStage> Stages { get; init; }

    /// <summary>The <c>-t</c> of the <c>docker build</c> command in the file's header comment.</summary>
    public required string Tag { get; init; }

    public DockerStage Final => Stages[^1];

    /// <summary>Arguments of every instruction of the final stage with this keyword.</summary>
    public IEnumerable<string> FinalArguments(string keyword) =>
        Final.Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>An exec-form instruction (ENTRYPOINT, CMD) of the final stage as its list of words.</summary>
    public IReadOnlyList<string> ExecForm(string keyword) =>
        FinalArguments(keyword).LastOrDefault() is { } json ? JsonSerializer.Deserialize<string[]>(json)! : [];

    public static Dockerfile Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var tag = lines.Select(line => BuildComment().Match(line)).FirstOrDefault(m => m.Success)?.Groups["tag"].Value
            ?? throw new InvalidOperationException($"{path}: no '# docker build ... -t IMAGE .' comment");

        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }
            var full = pending + line;
            pending = "";
            var space = full.IndexOf(' ');
            instructions.Add(new DockerInstruction(full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--")).ToList();
                stages.Add(new DockerStage(words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, words[0], []));
            }
            else
            {
                if (stages.Count == 0) continue; // ARG before the first FROM
                stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, instruction] };
            }
        }
        return new Dockerfile { Path = path, Stages = stages, Tag = tag };
    }

    [GeneratedRegex(@"^#\s+docker build -f \S+ -t (?<tag>\S+) \.$")]
    private static partial Regex BuildComment();
}
