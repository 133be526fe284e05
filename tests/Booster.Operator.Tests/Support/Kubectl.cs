using System.Diagnostics;
using Booster.Operator.Tests.ApiServer;

namespace Booster.Operator.Tests.Support;

/// <summary>
/// kubectl v1.33 as installed by <c>scripts/install-kube-tools.sh</c> into <c>.tools/kube/bin</c>,
/// run against the fixture as a user would. Tests skip, saying why, when it is missing, unless
/// BOOSTER_REQUIRE_TEST_TOOLS=1 (CI), where a missing tool is a failure.
/// </summary>
internal static class Kubectl
{
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, ".tools", "kube", "bin", "kubectl");

    public static void SkipUnlessInstalled()
    {
        if (File.Exists(Path)) return;
        TestTools.SkipIfMissing($"kubectl is not installed in {Path}; run scripts/install-kube-tools.sh");
    }

    /// <summary>Runs kubectl against <paramref name="server"/>; the working directory is the repository root.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(FakeApiServer server, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in new[] { "--kubeconfig", server.KubeconfigPath, "--cache-dir", server.CacheDirectory }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in 30 s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test with its output unless it succeeds; returns standard output.</summary>
    public static async Task<string> SucceedAsync(FakeApiServer server, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(server, args);
        code.Should().Be(0, $"kubectl {string.Join(' ', args)} should succeed; stdout: {stdout}; stderr: {stderr}");
        return stdout;
    }
}
