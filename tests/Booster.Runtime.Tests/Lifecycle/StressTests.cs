using System.Diagnostics;
using System.Net;
using Booster.Contract;
using Booster.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>
/// The original booster's stress scenario, test-sized: many more concurrent clients than
/// execution slots (default pool of 8, tuned defaults). Nothing may fail, and the server's
/// memory must stay bounded. The full-size run (1000 clients) is bench/stress.sh.
/// </summary>
public class StressTests(ITestOutputHelper output)
{
    private const int Clients = 200;
    private const int RequestsPerClient = 15;

    [Fact]
    public async Task TwoHundredConcurrentClientsOnADefaultPoolLoseNothingAndStayBounded()
    {
        using var modules = new ModuleDirectory();
        modules.Write("hello.wat", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "hello.wat")));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string> { [BoosterVariables.Path] = modules.Path });
        await process.WaitUntilReadyAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients })
        {
            BaseAddress = process.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        var latencies = new List<double>[Clients];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            latencies[c] = [];
            for (var i = 0; i < RequestsPerClient; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("/run", new StringContent($$"""{"name":"client {{c}}"}"""));
                var body = await response.Content.ReadAsStringAsync();
                latencies[c].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains($"Hello, client {c}!")) Interlocked.Increment(ref failures);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = latencies.SelectMany(l => l).Order().ToList();
        var peakRss = process.PeakResidentBytes();
        output.WriteLine($"{all.Count} requests from {Clients} clients in {elapsed.TotalSeconds:F1} s " +
                         $"({all.Count / elapsed.TotalSeconds:F0} req/s); p50 {all[all.Count / 2]:F1} ms, " +
                         $"p99 {all[(int)(all.Count * 0.99)]:F1} ms; server peak RSS {peakRss >> 20} MiB");
        failures.Should().Be(0);
        all.Should().HaveCount(Clients * RequestsPerClient);
        peakRss.Should().BeLessThan(512L << 20);
        process.HasExited.Should().BeFalse();
    }
}
