using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Lifecycle;

/// <summary>SIGTERM to a real runtime process: a rollout step, not an outage.</summary>
public class ShutdownTests
{
    private const int DrainDelayMs = 3000;

    /// <summary>Requests started this close to the end of the drain delay may meet the closing; they are not judged.</summary>
    private static readonly TimeSpan EdgeOfTheDelay = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task AClientThatKeepsSendingThroughSigtermSeesNoFailureDuringTheDrainDelay()
    {
        using var modules = new ModuleDirectory();
        modules.Write("hello.wat", Wat.Prints("hi"));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules.Path,
            [BoosterVariables.DrainDelayMs] = DrainDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await process.WaitUntilReadyAsync();

        var sinceSigterm = new Stopwatch();
        var outcomes = new ConcurrentBag<(TimeSpan SentAt, string Outcome)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = process.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            while (!stop.IsCancellationRequested)
            {
                var sentAt = sinceSigterm.IsRunning ? sinceSigterm.Elapsed : TimeSpan.Zero;
                string outcome;
                try
                {
                    using var response = await client.PostAsJsonAsync("/run", new { });
                    outcome = response.StatusCode == HttpStatusCode.OK ? "ok" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                catch (HttpRequestException e)
                {
                    outcome = $"{e.HttpRequestError}: {e.Message}";
                }
                outcomes.Add((sentAt, outcome));
            }
        })).ToList();

        await Eventually.True(() => outcomes.Count >= 50);
        sinceSigterm.Start();
        process.SendSigterm();

        // /ready turns 503 at once (well before the delay ends), while runs go on being served.
        await Eventually.True(() => ReadyStatus(process) == HttpStatusCode.ServiceUnavailable, timeout: TimeSpan.FromMilliseconds(DrainDelayMs) - EdgeOfTheDelay);
        var readyTurnedAt = sinceSigterm.Elapsed;
        await Eventually.True(() => sinceSigterm.Elapsed >= TimeSpan.FromMilliseconds(DrainDelayMs) - EdgeOfTheDelay, timeout: TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        outcomes.Where(o => o.SentAt > readyTurnedAt).Should().HaveCountGreaterThan(20, "the client kept sending after /ready turned 503");
        outcomes.Should().OnlyContain(o => o.Outcome == "ok");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        process.Stdout.Should().Contain(l => l.Contains("BOOSTER_DRAIN_DELAY_MS"));
    }

    [Fact]
    public async Task RunsInFlightAndWaitingAtSigtermAreAllAnsweredThenNewRunsAreRefused()
    {
        using var modules = new ModuleDirectory();
        modules.Write("slow.wat", Wat.SpinsThenPrints(600, "finished"));
        await using var process = RuntimeProcess.Start(new Dictionary<string, string>
        {
            [BoosterVariables.Path] = modules.Path,
            [BoosterVariables.PoolMax] = "1",
            [BoosterVariables.QueueMax] = "10",
            [BoosterVariables.DrainDelayMs] = "0",
        });
        await process.WaitUntilReadyAsync();

        // Each run on its own connection: one in flight, three waiting for the one slot.
        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = process.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            return await (await client.PostAsJsonAsync("/run", new { })).JsonAsync();
        }).ToList();
        await Eventually.True(() => Gauges(process) is (1, 3));

        process.SendSigterm();
        await Eventually.True(() => process.Stdout.Any(l => l.Contains("Drain delay over")));

        // Past the (zero) delay a new run is refused: 503 overloaded, or no connection at all once
        // the listener has closed — refused, or reset when the kernel had queued it as the listener closed.
        using var fresh = new HttpClient { BaseAddress = process.Client.BaseAddress };
        try
        {
            var refused = await fresh.PostAsJsonAsync("/run", new { });
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await refused.ErrorAsync()).Code.Should().Be("overloaded");
        }
        catch (HttpRequestException e) when (e.HttpRequestError != HttpRequestError.ConnectionError)
        {
            e.InnerException.Should().Match(inner => inner is IOException || inner is System.Net.Sockets.SocketException,
                "a run after the drain is refused or its connection reset, never answered: {0}", e);
        }
        catch (HttpRequestException)
        {
        }

        var answers = await Task.WhenAll(runs);
        answers.Should().OnlyContain(a => a["stdout"]!.GetValue<string>() == "finished");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
    }

    /// <summary>/ready's status, or null when nothing answers.</summary>
    private static HttpStatusCode? ReadyStatus(RuntimeProcess process)
    {
        try
        {
            using var fresh = new HttpClient { BaseAddress = process.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            return fresh.GetAsync("/ready").GetAwaiter().GetResult().StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Executions in flight and requests waiting, as the process's /metrics tells.</summary>
    private static (int InFlight, int Waiting) Gauges(RuntimeProcess process)
    {
        var samples = PrometheusText.Parse(process.Client.GetStringAsync("/metrics").GetAwaiter().GetResult());
        return ((int)samples.Value("booster_executions_in_flight"), (int)samples.Value("booster_queue_depth"));
    }
}
