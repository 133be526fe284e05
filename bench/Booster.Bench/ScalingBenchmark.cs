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
    public static void Run(ExecutionPaths paths, TimeSpan duration, int rounds)
    {
        Console.WriteLine($"Execution scaling — {Environment.ProcessorCount} cores, {duration.TotalSeconds:F1}s × {rounds} rounds (medians)");
        Console.WriteLine($"{"path",-10} {"1 thread/s",12} {"2 threads/s",12} {"2t÷1t",6} {"µs/exec (1t)",13} {"µs cold",8} {"B alloc/exec",13}");
        // BENCH_PATHS=booster (or bare) measures one path alone, e.g. under a profiler.
        var only = Environment.GetEnvironmentVariable("BENCH_PATHS");
        foreach (var (name, run) in new (string, Func<int>)[] { ("bare", paths.Bare), ("booster", paths.Booster) })
        {
            if (only is not null && only != name) continue;
            for (var i = 0; i < 2000; i++) run(); // warm-up
            var one = new List<double>();
            var two = new List<double>();
            var ratios = new List<double>();
            var cold = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                one.Add(Throughput(run, 1, duration));
                two.Add(Throughput(run, 2, duration));
                ratios.Add(two[^1] / one[^1]);
                cold.Add(ColdMicroseconds(run, duration));
            }
            var m1 = Median(one);
            Console.WriteLine($"{name,-10} {m1,12:F0} {Median(two),12:F0} {Median(ratios),6:F2} {1e6 / m1,13:F1} {Median(cold),8:F1} {AllocatedPerRun(run),13:F0}");
        }
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
