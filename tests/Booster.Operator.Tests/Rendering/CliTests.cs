using Booster.Operator.Rendering;

namespace Booster.Operator.Tests.Rendering;

public class CliTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Cli.Run(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void RunHelpPrintsItsUsage()
    {
        var (code, stdout, _) = Run("run", "--help");

        code.Should().Be(0);
        stdout.Should().StartWith("Usage: booster-operator run").And.Contain("--leader-elect");
    }

    [Fact]
    public void RunWithAnUnknownOptionIsAUsageError()
    {
        var (code, _, stderr) = Run("run", "--frobnicate");

        code.Should().Be(RenderCommand.UsageError);
        stderr.Should().Contain("unknown option '--frobnicate'");
    }

    [Fact]
    public void AnUnknownCommandPrintsUsage()
    {
        var (code, _, stderr) = Run("deploy");

        code.Should().Be(RenderCommand.UsageError);
        stderr.Should().Contain("unknown command 'deploy'").And.Contain("render");
    }

    [Fact]
    public void NoCommandPrintsUsageAndFails()
    {
        var (code, stdout, _) = Run();

        code.Should().NotBe(0);
        stdout.Should().StartWith("Usage: booster-operator COMMAND");
    }
}
