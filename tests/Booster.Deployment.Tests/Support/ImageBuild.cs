using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Booster.Deployment.Tests.Support;

/// <summary>What a built image holds: its filesystem (a folder), and how it starts.</summary>
internal sealed record BuiltImage(
    string Filesystem, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment,
    string? User, IReadOnlyList<string> ExposedPorts, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Command)
{
    /// <summary>The host path of a path inside the image.</summary>
    public string HostPath(string imagePath) => Path.Combine(Filesystem, imagePath.TrimStart('/'));

    public string HostWorkingDirectory => HostPath(WorkingDirectory);
}

/// <summary>
/// Plays a Dockerfile without Docker, closely enough to catch what breaks images: each stage
/// gets its own folder as its filesystem; COPY takes files from the build context (honouring
/// .dockerignore) or from an earlier stage; RUN runs the same shell command on this machine,
/// with the stage's absolute paths mapped into its folder; ARG, ENV, WORKDIR, USER, EXPOSE,
/// ENTRYPOINT and CMD are recorded. The base images' own content is not there: the SDK and
/// the ASP.NET Core runtime come from this machine's dotnet.
/// </summary>
internal static partial class ImageBuild
{
    public static string TargetArch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"no image architecture for {other}"),
    };

    public static async Task<BuiltImage> BuildAsync(Dockerfile dockerfile, DockerContext context, string workFolder)
    {
        var stageFolders = new Dictionary<string, string>();
        BuiltImage? image = null;
        for (var index = 0; index < dockerfile.Stages.Count; index++)
        {
            var stage = dockerfile.Stages[index];
            var root = Filesystem.CreateFolder(Path.Combine(workFolder, $"stage{index}"));
            string Host(string path) => Path.Combine(root, path.TrimStart('/'));
            var workdir = "/";
            var args = new Dictionary<string, string> { ["TARGETARCH"] = TargetArch, ["BUILDPLATFORM"] = $"linux/{TargetArch}" };
            var env = new Dictionary<string, string>();
            string? user = null;
            var ports = new List<string>();
            IReadOnlyList<string> entrypoint = [], command = [];

            foreach (var instruction in stage.Instructions)
            {
                var text = Substitute(instruction.Arguments, args, env);
                switch (instruction.Keyword)
                {
                    case "ARG":
                        var (name, value) = text.Split('=', 2) is [var n, var v] ? (n, v) : (text, "");
                        args.TryAdd(name, value);
                        break;
                    case "WORKDIR":
                        workdir = text.StartsWith('/') ? text : $"{workdir.TrimEnd('/')}/{text}";
                        Filesystem.CreateFolder(Host(workdir));
                        break;
                    case "COPY":
                        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                        var fromStage = words.FirstOrDefault(w => w.StartsWith("--from="))?["--from=".Length..];
                        words.RemoveAll(w => w.StartsWith("--"));
                        var destination = words[^1].StartsWith('/') ? words[^1] : $"{workdir.TrimEnd('/')}/{words[^1]}";
                        if (words.Count > 2 || words[^1].EndsWith('/') || words[^1] is "." or "./") destination = destination.TrimEnd('.').TrimEnd('/') + "/";
                        foreach (var source in words[..^1])
                        {
                            if (fromStage is null) context.Copy(source, Host(destination));
                            else Filesystem.CopyInto(Path.Combine(stageFolders[fromStage], source.TrimStart('/')), Host(destination));
                        }
                        break;
                    case "RUN":
                        var result = await ProcessRunner.RunAsync("bash", ["-euc", MapAbsolutePaths(text, root)], Host(workdir),
                            new Dictionary<string, string?>
                            {
                                ["TARGETARCH"] = args["TARGETARCH"],
                                // No MSBuild nodes or build servers left running after the test.
                                ["MSBUILDDISABLENODEREUSE"] = "1",
                                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                                ["UseSharedCompilation"] = "false",
                                ["DOTNET_NOLOGO"] = "1",
                                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                            }, timeout: TimeSpan.FromMinutes(4));
                        if (result.ExitCode != 0)
                            throw new InvalidOperationException($"{dockerfile.Path}: RUN {instruction.Arguments} failed: {result}");
                        break;
                    case "ENV":
                        foreach (Match pair in EnvPair().Matches(text)) env[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
                        break;
                    case "USER":
                        user = text;
                        break;
                    case "EXPOSE":
                        ports.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                        break;
                    case "ENTRYPOINT":
                        entrypoint = System.Text.Json.JsonSerializer.Deserialize<string[]>(text)!;
                        break;
                    case "CMD":
                        command = System.Text.Json.JsonSerializer.Deserialize<string[]>(text)!;
                        break;
                }
            }
            if (stage.Name is not null) stageFolders[stage.Name] = root;
            image = new BuiltImage(root, workdir, env, user, ports, entrypoint, command);
        }
        return image!;
    }

    /// <summary>$NAME and ${NAME} from the build arguments and the environment, as Docker expands them.</summary>
    private static string Substitute(string text, Dictionary<string, string> args, Dictionary<string, string> env) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            return env.TryGetValue(name, out var e) ? e : args.TryGetValue(name, out var a) ? a : "";
        });

    /// <summary>Absolute paths in a RUN command point into the stage's folder (e.g. -o /app).</summary>
    private static string MapAbsolutePaths(string command, string root) =>
        AbsolutePath().Replace(command, m => m.Groups[1].Value + Path.Combine(root, m.Groups[2].Value.TrimStart('/')));

    [GeneratedRegex(@"\$(?:\{(\w+)\}|(\w+))")]
    private static partial Regex Variable();

    [GeneratedRegex(@"(\w+)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"(^|\s)(/[\w./-]*)")]
    private static partial Regex AbsolutePath();
}
