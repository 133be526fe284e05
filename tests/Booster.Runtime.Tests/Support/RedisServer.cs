using System.Diagnostics;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// A private redis-server on a free loopback port, with a password, nothing persisted. It can
/// be stopped and started again on the same port, as a restarted backend would be.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string Password = "redis-test-secret-7f3a";
    private const string Binary = "/usr/bin/redis-server";

    private Process? _process;

    public int Port { get; } = Loopback.FreePort();

    /// <summary>The URL the runtime is given (REDIS_URL form).</summary>
    public string Url => $"redis://:{Password}@127.0.0.1:{Port}/0";

    public static string? Problem => File.Exists(Binary) ? null : $"{Binary} is missing; scripts/install-test-tools.sh installs the redis-server package";

    public static async Task<RedisServer> StartAsync()
    {
        TestTools.SkipIfMissing(Problem);
        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--requirepass", Password, "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await DataServerProcess.WaitForPortAsync(Port, () => !process.HasExited);
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open, nothing is answered — a slow backend.</summary>
    public void Pause() => DataServerProcess.Run("kill", "-STOP", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Resume() => DataServerProcess.Run("kill", "-CONT", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Stops the server at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
