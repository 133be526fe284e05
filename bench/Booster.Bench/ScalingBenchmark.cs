using System.Diagnostics;

namespace Booster.Bench;

/// <summary>
/// Executions per second on one thread and on two, for the same fixed time, alternating and
/// repeated; medians reported. The ratio is the median of each round's own ratio (one and two
/// threads measured back to back), so drift on a shared machine touches both sides alike.
/// BenchmarkDotNet measures single-threaded latency, not this.
/// </summary>
internal static class ScalingBenchmark
{
    public static void Run(ExecutionPaths executionPaths, TimeSpan duration, int rounds)
    {
        Console.WriteLine($"Execution scaling — {Environment.ProcessorCount} cores, {duration.TotalSeconds:F1}s × {rounds} rounds (medians)");
        Console.WriteLine($"{"path",-10} {"1 thread/s",12} {"2 threads/s",12} {"2t÷1t",6} {"µs/exec (1t)",13} {"µs cold",8} {"B alloc/exec",13}");
        // BENCH_PATHS=booster (or bare) measures one path alone, e.g. under a profiler.
        var only = Environment.GetEnvironmentVariable("BENCH_PATHS");
        var paths = new (string Name, Func<int> Run)[] { ("bare", executionPaths.Bare), ("booster", executionPaths.Booster) }
            .Where(p => only is null || only == p.Name).ToList();
        foreach (var path in paths) for (var i = 0; i < 2000; i++) path.Run(); // warm-up
        var one = paths.Select(_ => new List<double>()).ToList();
        var two = paths.Select(_ => new List<double>()).ToList();
        var ratios = paths.Select(_ => new List<double>()).ToList();
        var cold = paths.Select(_ => new List<double>()).ToList();
        // The paths alternate within each round, so drift on a shared machine touches both alike.
        for (var round = 0; round < rounds; round++)
        {
            for (var p = 0; p < paths.Count; p++)
            {
                one[p].Add(Throughput(paths[p].Run, 1, duration));
                two[p].Add(Throughput(paths[p].Run, 2, duration));
                ratios[p].Add(two[p][^1] / one[p][^1]);
                cold[p].Add(ColdMicroseconds(paths[p].Run, duration));
            }
        }
        string? summary = null; // computed before Median sorts the lists in place
        if (paths.Count == 2)
        {
            // Each round's own ratio of µs per execution (one thread), then their median.
            var perRound = one[0].Zip(one[1], (bare, booster) => bare / booster).ToList();
            var coldPerRound = cold[0].Zip(cold[1], (bare, booster) => booster / bare).ToList();
            summary = $"booster ÷ bare, µs per execution: {Median(perRound):F2} (rounds {string.Join(" ", perRound.Select(r => r.ToString("F2")))}), cold {Median(coldPerRound):F2}";
        }
        for (var p = 0; p < paths.Count; p++)
        {
            var m1 = Median(one[p]);
            Console.WriteLine($"{paths[p].Name,-10} {m1,12:F0} {Median(two[p]),12:F0} {Median(ratios[p]),6:F2} {1e6 / m1,13:F1} {Median(cold[p]),8:F1} {AllocatedPerRun(paths[p].Run),13:F0}");
        }
        if (summary is not null) Console.WriteLine(summary);
    }

    /// <summary>Managed bytes one run allocates on its thread (what the collector must reclaim).</summary>
    private static double AllocatedPerRun(Func<int> run)
    {
        const int runs = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++) run();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)runs;
    }

    /// <summary>
    /// Bytes written between two runs for the cold column: more than a core's L2 cache, about
    /// what serving an HTTP request touches, so each run starts as it does in the server.
    /// </summary>
    private const int EvictBytes = 2 << 20;

    /// <summary>
    /// µs per run on one thread when other work ran in between and pushed Wasmtime's code and
    /// data out of the caches, as an HTTP request does. Only the runs are timed.
    /// </summary>
    private static double ColdMicroseconds(Func<int> run, TimeSpan duration)
    {
        var other = new byte[EvictBytes];
        long runs = 0, ticks = 0;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < stop)
        {
            for (var i = 0; i < other.Length; i += 64) other[i]++;
            var started = Stopwatch.GetTimestamp();
            run();
            ticks += Stopwatch.GetTimestamp() - started;
            runs++;
        }
        return ticks * 1e6 / Stopwatch.Frequency / runs;
    }

    private static double Throughput(Func<int> run, int threads, TimeSpan duration)
    {
        long total = 0;
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                run();
                count++;
            }
            Interlocked.Add(ref total, count);
        })).ToList();
        var started = Stopwatch.GetTimestamp();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return total / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
