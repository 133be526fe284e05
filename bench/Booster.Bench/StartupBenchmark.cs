using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Booster.Bench;

/// <summary>
/// Process start → every module served, for directories of N distinct copies of a real
/// program (<see cref="StartupModules"/>): a cold start (empty compiled-code cache) and a
/// restart on the cache the cold start left, with the peak resident memory of each. "Served"
/// means /ready answers 200 and /modules lists all N; one module is then run to prove it (the
/// first answer). A cold start is then followed until every module runs optimized code and
/// every cache entry is on disk ("optimized s"; with BOOSTER_COMPILER=baseline, until cached),
/// and its peak memory covers that. Each start is a fresh runtime process; BOOSTER_COMPILER is
/// passed through from the environment.
/// </summary>
internal static class StartupBenchmark
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <param name="servedOnly">Cold starts only, stopped once served: for counts whose optimized code takes too long to wait for here.</param>
    public static int Run(string runtime, string work, string program, IReadOnlyList<int> counts, int rounds, bool servedOnly)
    {
        var compiler = Environment.GetEnvironmentVariable("BOOSTER_COMPILER") ?? "default";
        Console.WriteLine($"Start-up — {Environment.ProcessorCount} cores, copies of {Path.GetFileName(program)} ({new FileInfo(program).Length / 1048576.0:F2} MiB), " +
                          $"BOOSTER_COMPILER={compiler}, medians of {rounds}");
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"modules",8} {"cold s",8} {"answer s",9} {"optimized s",12} {"restart s",10} {"cold CPU s",11} {"restart CPU s",14} {"cold RSS MiB",13} {"restart RSS MiB",16}");
        foreach (var count in counts)
        {
            var modules = StartupModules.Ensure(Path.Combine(work, "modules"), program, count);
            var cold = new List<Start>();
            var warm = new List<Start>();
            for (var round = 0; round < rounds; round++)
            {
                var cache = Path.Combine(work, $"cache-{count}");
                if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
                cold.Add(StartOnce(runtime, modules, cache, count, waitForOptimized: !servedOnly));
                if (!servedOnly) warm.Add(StartOnce(runtime, modules, cache, count, waitForOptimized: false));
            }
            Console.WriteLine($"{count,8} {Median(cold, s => s.Served.TotalSeconds),8:F2} {Median(cold, s => s.Answered.TotalSeconds),9:F2} " +
                              $"{Median(cold, s => s.Optimized.TotalSeconds),12:F2} {Median(warm, s => s.Served.TotalSeconds),10:F2} " +
                              $"{Median(cold, s => s.CpuSeconds),11:F2} {Median(warm, s => s.CpuSeconds),14:F2} " +
                              $"{Median(cold, s => s.PeakRssBytes / 1048576.0),13:F0} " +
                              $"{Median(warm, s => s.PeakRssBytes / 1048576.0),16:F0}");
        }
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <param name="Answered">Until the first run answered (after served).</param>
    /// <param name="CpuSeconds">CPU time the process used until served: less sensitive than wall time to other load on the machine.</param>
    /// <param name="Optimized">Until every module ran optimized code and its cache entry was on disk (cold starts; otherwise the time served).</param>
    /// <param name="PeakRssBytes">Peak resident memory until served, or until optimized on a cold start.</param>
    private sealed record Start(TimeSpan Served, TimeSpan Answered, double CpuSeconds, TimeSpan Optimized, long PeakRssBytes);

    private static Start StartOnce(string runtime, string modules, string cache, int count, bool waitForOptimized)
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
            while (true)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{count} modules not served in 10 minutes");
                if (process.HasExited) throw new InvalidOperationException($"the runtime exited with {process.ExitCode}");
                if (Get(address, "/ready") == HttpStatusCode.OK && Tiers(address).Count == count) break;
                Thread.Sleep(10);
            }
            var served = clock.Elapsed;
            var cpu = CpuSeconds(process.Id);
            ProveServed(address);
            var answered = clock.Elapsed;
            var optimized = waitForOptimized ? WaitForOptimized(address, cache, count, clock) : served;
            return new Start(served, answered, cpu, optimized, PeakResidentBytes(process.Id));
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

    /// <summary>The <c>tier</c> of each module /modules lists.</summary>
    private static List<string> Tiers(Uri address)
    {
        var body = Http.GetStringAsync(new Uri(address, "/modules")).GetAwaiter().GetResult();
        return JsonNode.Parse(body)!["modules"]!.AsArray().Select(m => m!["tier"]!.GetValue<string>()).ToList();
    }

    /// <summary>One run of the first copy, with SQL on stdin (which SQLite answers and other programs ignore).</summary>
    private static void ProveServed(Uri address)
    {
        using var content = new StringContent("""{"stdin":"select 1+1;"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = Http.PostAsync(new Uri(address, "/modules/m0000/run"), content).GetAwaiter().GetResult();
        var exitCode = JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!["exit_code"]?.GetValue<int>();
        if (response.StatusCode != HttpStatusCode.OK || exitCode != 0) throw new InvalidOperationException($"m0000 answered {(int)response.StatusCode}, exit code {exitCode}");
    }

    /// <summary>Until no module runs baseline code (unless baseline is asked for) and every module's cache entry is on disk.</summary>
    private static TimeSpan WaitForOptimized(Uri address, string cache, int count, Stopwatch clock)
    {
        var baselineOnly = Environment.GetEnvironmentVariable("BOOSTER_COMPILER") == "baseline";
        var entries = Path.Combine(cache, "code");
        while ((!baselineOnly && Tiers(address).Contains("baseline")) || !Directory.Exists(entries) || Directory.GetFiles(entries, "*.cwasm").Length < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{count} modules not optimized and cached in 10 minutes");
            Thread.Sleep(50);
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
        if (starts.Count == 0) return double.NaN; // not measured (served only)
        var sorted = starts.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
