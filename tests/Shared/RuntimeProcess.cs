using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Booster.Tests.Shared;

/// <summary>
/// The runtime as a real process (the built Booster.Runtime.dll) on a free loopback port, for what
/// only a process shows: exit codes and start-up lines, signals, kernel limits such as RLIMIT_AS,
/// and the metrics a deployment scrapes. Its output is kept, line by line.
/// </summary>
internal sealed partial class RuntimeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    public HttpClient Client { get; }
    public int Id => _process.Id;
    public IReadOnlyList<string> Stdout => _stdout.ToList();
    public IReadOnlyList<string> Stderr => _stderr.ToList();

    private RuntimeProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <param name="environment">BOOSTER_* and other variables; BOOSTER_LISTEN is set to a free port unless given.
    /// No BOOSTER_* variable of the test process reaches the runtime.</param>
    /// <param name="addressSpaceLimit">When set, the process runs under <c>prlimit --as</c> with this many bytes.</param>
    /// <param name="dll">The runtime to start; by default the one copied beside the test binaries.</param>
    public static RuntimeProcess Start(IReadOnlyDictionary<string, string> environment, ulong? addressSpaceLimit = null, string? dll = null)
    {
        var port = Loopback.FreePort();
        dll ??= Path.Combine(AppContext.BaseDirectory, "Booster.Runtime.dll");
        var start = new ProcessStartInfo(addressSpaceLimit is null ? "dotnet" : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (addressSpaceLimit is { } limit)
        {
            start.ArgumentList.Add($"--as={limit}");
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(dll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BOOSTER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["BOOSTER_LISTEN"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        return new RuntimeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) => Loopback.WaitUntilReadyAsync(Client,
        () => _process.HasExited ? $"the runtime exited with {_process.ExitCode}: {string.Join('\n', Stderr.Concat(Stdout))}" : null,
        timeout ?? TimeSpan.FromSeconds(30), () => string.Join('\n', Stdout));

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void SendSigterm() => Kill(_process.Id, 15).Should().Be(0);

    /// <summary>
    /// SIGTERM, then the exit code once the process has ended and all its output is read: after
    /// it, what the process logged is all there (a point to check that something was not logged).
    /// Start the process with BOOSTER_DRAIN_DELAY_MS=0 unless the drain delay is the point.
    /// </summary>
    public Task<int> StopAsync()
    {
        SendSigterm();
        return WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>What the runtime logs when it stops, whatever else it did.</summary>
    public static bool IsShutdownLine(string line) =>
        line.Contains("Shutting down: /ready answers 503", StringComparison.Ordinal)
        || line.Contains("Drain delay over", StringComparison.Ordinal)
        || line.Contains("Application is shutting down", StringComparison.Ordinal);

    /// <summary>Bytes of address space the process maps now.</summary>
    public long VirtualMemoryBytes() => StatusBytes("VmSize");

    /// <summary>The most resident memory the process has had (its high-water mark).</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM");

    /// <summary>A size field of /proc/PID/status ("VmSize:    1234 kB"), in bytes.</summary>
    private long StatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }


    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
