using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Booster.Bench;

/// <summary>
/// Process start → every module served, for directories of N distinct modules: a cold start
/// (empty compiled-code cache) and a restart on the cache the cold start left, with the peak
/// resident memory of each. "Served" means /ready answers 200 and /modules lists all N; one
/// module is then run to prove it. The runtime writes cache entries after it is ready, so a
/// cold start is stopped only once all N entries are on disk (the time that takes is reported
/// too, and the peak memory covers it). Each start is a fresh runtime process.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static int Run(string runtime, string work, IReadOnlyList<int> counts, int sizeBytes, int rounds)
    {
        Console.WriteLine($"Start-up — {Environment.ProcessorCount} cores, modules of {sizeBytes / 1048576.0:F1} MiB, runtime {runtime}, medians of {rounds}");
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"modules",8} {"cold s",8} {"restart s",10} {"listen s",9} {"cold CPU s",11} {"restart CPU s",14} {"cached s",9} {"cold RSS MiB",13} {"restart RSS MiB",16}");
        foreach (var count in counts)
        {
            var modules = StartupModules.Ensure(Path.Combine(work, "modules"), count, sizeBytes);
            var cold = new List<Start>();
            var warm = new List<Start>();
            for (var round = 0; round < rounds; round++)
            {
                var cache = Path.Combine(work, $"cache-{count}");
                if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
                cold.Add(StartOnce(runtime, modules, cache, count, waitForCache: true));
                warm.Add(StartOnce(runtime, modules, cache, count, waitForCache: false));
            }
            Console.WriteLine($"{count,8} {Median(cold, s => s.Served.TotalSeconds),8:F2} {Median(warm, s => s.Served.TotalSeconds),10:F2} " +
                              $"{Median(cold, s => s.Listening.TotalSeconds),9:F2} {Median(cold, s => s.CpuSeconds),11:F2} {Median(warm, s => s.CpuSeconds),14:F2} " +
                              $"{Median(cold, s => s.Cached.TotalSeconds),9:F2} " +
                              $"{Median(cold, s => s.PeakRssBytes / 1048576.0),13:F0} " +
                              $"{Median(warm, s => s.PeakRssBytes / 1048576.0),16:F0}");
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <param name="CpuSeconds">CPU time the process used until served: less sensitive than wall time to other load on the machine.</param>
    /// <param name="Cached">Until every module's cache entry was on disk (cold starts; otherwise the time served).</param>
    /// <param name="PeakRssBytes">Peak resident memory until served, or until cached on a cold start.</param>
    private sealed record Start(TimeSpan Listening, TimeSpan Served, double CpuSeconds, TimeSpan Cached, long PeakRssBytes);

    private static Start StartOnce(string runtime, string modules, string cache, int count, bool waitForCache)
    {
        var port = FreePort();
        var start = runtime.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { runtime } }
            : new ProcessStartInfo(runtime);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["BOOSTER_PATH"] = modules;
        start.Environment["BOOSTER_CACHE_PATH"] = cache;
        start.Environment["BOOSTER_LISTEN"] = $"http://127.0.0.1:{port}";
        var address = new Uri($"http://127.0.0.1:{port}");

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            TimeSpan? listening = null;
            while (true)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{count} modules not served in 10 minutes");
                if (process.HasExited) throw new InvalidOperationException($"the runtime exited with {process.ExitCode}");
                var ready = Get(address, "/ready");
                if (ready is not null) listening ??= clock.Elapsed;
                if (ready == HttpStatusCode.OK && ModuleCount(address) == count) break;
                Thread.Sleep(10);
            }
            var served = clock.Elapsed;
            var cpu = CpuSeconds(process.Id);
            ProveServed(address);
            var cached = waitForCache ? WaitForCacheEntries(cache, count, clock) : served;
            return new Start(listening!.Value, served, cpu, cached, PeakResidentBytes(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static HttpStatusCode? Get(Uri address, string path)
    {
        try
        {
            using var response = Http.GetAsync(new Uri(address, path)).GetAwaiter().GetResult();
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static int ModuleCount(Uri address)
    {
        var body = Http.GetStringAsync(new Uri(address, "/modules")).GetAwaiter().GetResult();
        return JsonNode.Parse(body)!["modules"]!.AsArray().Count;
    }

    private static void ProveServed(Uri address)
    {
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = Http.PostAsync(new Uri(address, "/modules/m0000/run"), content).GetAwaiter().GetResult();
        var stdout = JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["stdout"]?.GetValue<string>();
        if (stdout != "module 0\n") throw new InvalidOperationException($"m0000 answered {(int)response.StatusCode}: {stdout}");
    }

    private static TimeSpan WaitForCacheEntries(string cache, int count, Stopwatch clock)
    {
        var entries = Path.Combine(cache, "code");
        while (!Directory.Exists(entries) || Directory.GetFiles(entries, "*.cwasm").Length < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{count} cache entries not written in 10 minutes");
            Thread.Sleep(10);
        }
        return clock.Elapsed;
    }

    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>User + system time of the process (all its threads), from /proc/PID/stat in clock ticks of 1/100 s.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: state is field 3, utime field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<Start> starts, Func<Start, double> value)
    {
        var sorted = starts.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
