using System.Diagnostics;
using System.Net.Sockets;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Running the Debian servers the data-import tests use (redis-server, PostgreSQL), installed by
/// scripts/install-test-tools.sh. A test that needs one skips through <see cref="Booster.Tests.Shared.TestTools"/>
/// when it is missing.
/// </summary>
internal static class DataServerProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}\n{error.Result}");
        return output;
    }

    /// <summary>Waits, bounded, until the port accepts connections.</summary>
    public static async Task WaitForPortAsync(int port, Func<bool>? stillRunning = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && stillRunning?.Invoke() != false)
            {
                await Task.Delay(20);
            }
        }
    }
}
