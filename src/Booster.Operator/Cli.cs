using Booster.Operator.Hosting;
using Booster.Operator.Rendering;

namespace Booster.Operator;

/// <summary>Command dispatch of <c>booster-operator</c>.</summary>
internal static class Cli
{
    public const string Usage =
        """
        Usage: booster-operator COMMAND

        Commands:
          render   print the objects the operator would create for BoosterRuntime files
          run      run the controller (see run --help)

        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["render", .. var rest]:
                return RenderCommand.Run(rest, stdin, stdout, stderr);
            case ["run", .. var rest]:
                return RunCommand.Run(rest, stdout, stderr);
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
