using Booster.Operator.Rendering;

namespace Booster.Operator;

/// <summary>Command dispatch of <c>booster-operator</c>.</summary>
public static class Cli
{
    public const string Usage =
        """
        Usage: booster-operator COMMAND

        Commands:
          render   print the objects the operator would create for BoosterRuntime files
          run      run the controller (not available yet)

        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["render", .. var rest]:
                return RenderCommand.Run(rest, stdin, stdout, stderr);
            case ["run", ..]:
                stderr.WriteLine("booster-operator: the run command (the controller loop) is not available in this version; use render");
                return RenderCommand.UsageError;
            case [] or ["-h" or "--help" or "help"]:
                stdout.Write(Usage);
                return args.Length == 0 ? RenderCommand.UsageError : RenderCommand.Ok;
            default:
                stderr.WriteLine($"booster-operator: unknown command '{args[0]}'");
                stderr.Write(Usage);
                return RenderCommand.UsageError;
        }
    }
}
