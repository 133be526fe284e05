using System.Net;
using System.Net.Sockets;

namespace Booster.Tests.Shared;

/// <summary>
/// What every test project needs to talk to a server it started on loopback: a free port, and a
/// bounded wait until the server answers <c>/ready</c>. Compiled into each test project (a linked
/// file), so the projects share it without referencing one another.
/// </summary>
internal static class Loopback
{
    /// <summary>A loopback port free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls <c>/ready</c> until it answers 200. Fails at once when <paramref name="exited"/> says
    /// the server's process ended (its text is the reason), and after <paramref name="timeout"/>.
    /// </summary>
    public static async Task WaitUntilReadyAsync(HttpClient client, Func<string?> exited, TimeSpan timeout, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (exited() is { } reason) throw new InvalidOperationException(reason);
            try
            {
                if ((await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the runtime did not become ready" + (detail is null ? "" : ": " + detail()));
    }
}
