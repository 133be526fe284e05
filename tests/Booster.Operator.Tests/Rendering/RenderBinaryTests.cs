using System.Diagnostics;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Rendering;

/// <summary>The built <c>booster-operator</c> binary, run as a user or CI would run it.</summary>
public class RenderBinaryTests
{
    private static (int Code, string Stdout, string Stderr) RunBinary(string stdin, params string[] args)
    {
        // The operator's build output is copied next to the tests; run it with the same dotnet host.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host, [Path.Combine(AppContext.BaseDirectory, "booster-operator.dll"), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    [Fact]
    public void RendersEverySampleInOneRun()
    {
        var args = RepositoryPaths.Samples.SelectMany(file => new[] { "-f", file }).Prepend("render").ToArray();

        var (code, stdout, stderr) = RunBinary("", args);

        code.Should().Be(0, stderr);
        stdout.Should().Contain("kind: Deployment").And.Contain("kind: HorizontalPodAutoscaler").And.Contain("booster.dev/config-hash");
    }

    [Fact]
    public void AnInvalidSpecOnStandardInputExitsNonZeroNamingTheField()
    {
        const string invalid = "apiVersion: booster.dev/v1alpha1\nkind: BoosterRuntime\nmetadata: {name: bad}\nspec: {env: [{name: BOOSTER_POOL_MAX, value: '64'}]}\n";

        var (code, stdout, stderr) = RunBinary(invalid, "render", "-f", "-");

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("spec.env[0].name: BOOSTER_POOL_MAX is derived from spec.pool.maxConcurrency; set it there");
    }
}
