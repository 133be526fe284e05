namespace Booster.Operator.Rendering;

/// <summary>The command line of <c>render</c>: <c>-f FILE</c> (repeatable, <c>-</c> for stdin) and <c>--runtime-image</c>.</summary>
internal sealed record RenderArguments(IReadOnlyList<string> Files, string? RuntimeImage, bool Help)
{
    public static RenderArguments Parse(IReadOnlyList<string> args, out string? problem)
    {
        var files = new List<string>();
        string? runtimeImage = null;
        var help = false;
        problem = null;
        for (var i = 0; i < args.Count && problem is null; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "-f" or "--filename" or "--runtime-image" when i + 1 >= args.Count:
                    problem = $"{args[i]} needs a value";
                    break;
                case "-f" or "--filename":
                    files.Add(args[++i]);
                    break;
                case "--runtime-image":
                    runtimeImage = args[++i];
                    break;
                default:
                    problem = $"unknown argument '{args[i]}'";
                    break;
            }
        }
        if (problem is null && files.Count == 0 && !help) problem = "no input: give -f FILE (or -f - for standard input)";
        return new RenderArguments(files, runtimeImage, help);
    }
}
