using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// A redis-server's MONITOR stream, read on its own connection: every command the server
/// receives from any client, one line each (<c>1700000000.000001 [3 127.0.0.1:5000] "SET" "k" "v"</c>).
/// </summary>
internal sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    public IReadOnlyList<string> Lines => [.. _lines];

    public static async Task<RedisMonitor> StartAsync(int port, string password)
    {
        var monitor = new RedisMonitor();
        await monitor._client.ConnectAsync("127.0.0.1", port);
        var stream = monitor._client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nMONITOR\r\n"));
        var reader = new StreamReader(stream, Encoding.UTF8);
        (await reader.ReadLineAsync()).Should().Be("+OK", "AUTH");
        (await reader.ReadLineAsync()).Should().Be("+OK", "MONITOR");
        monitor._reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(monitor._stop.Token) is { } line) monitor._lines.Enqueue(line);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        });
        return monitor;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> has been seen.</summary>
    public Task WaitForAsync(string text) =>
        Eventually.True(() => _lines.Any(l => l.Contains(text, StringComparison.Ordinal)), timeout: TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
