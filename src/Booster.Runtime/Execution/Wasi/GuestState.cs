namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// What the host functions of one execution need: stdin bytes to hand out, stdout and stderr
/// captured with their caps, argv and environ, the execution's clocks and its deadline. Lives in the Store's
/// data; <see cref="StdioFunctions"/> and <see cref="ClockFunctions"/> use it.
/// </summary>
internal sealed class GuestState(byte[]? stdin, long maxOutputBytes, TimeSpan timeout, GuestArguments? arguments = null) : IDisposable
{
    private int _stdinPosition;

    public GuestClock Clock { get; } = new();

    /// <summary>argv and environ, served by <see cref="ArgumentFunctions"/>.</summary>
    public GuestArguments Arguments { get; } = arguments ?? GuestArguments.None;

    /// <summary>The deadline on <see cref="Clock"/>'s monotonic scale, in nanoseconds.</summary>
    public ulong DeadlineNanoseconds { get; } = (ulong)Math.Max(0, timeout.Ticks) * 100;

    /// <summary>
    /// What the host's imports may reach for this execution's module (<see cref="ModuleLimits.HostGrant"/>);
    /// null: the runtime's. Typed by the imports that read it, not here: the execution only carries it.
    /// </summary>
    public object? HostGrant { get; init; }

    public OutputCapture Stdout { get; } = new(maxOutputBytes);
    public OutputCapture Stderr { get; } = new(maxOutputBytes);

    /// <summary>True once the execution's time is up.</summary>
    public bool DeadlinePassed => Clock.MonotonicNow() >= DeadlineNanoseconds;

    /// <summary>Time left before the deadline, in nanoseconds; 0 once it has passed.</summary>
    public long RemainingNanoseconds
    {
        get
        {
            var now = Clock.MonotonicNow();
            return now >= DeadlineNanoseconds ? 0 : (long)(DeadlineNanoseconds - now);
        }
    }

    /// <summary>Stdin bytes not read yet.</summary>
    public long StdinRemaining => stdin is null ? 0 : stdin.Length - _stdinPosition;

    /// <summary>Copies up to <paramref name="destination"/>.Length unread stdin bytes; 0 means end of input.</summary>
    public int ReadStdin(Span<byte> destination)
    {
        if (stdin is null) return 0;
        var count = Math.Min(destination.Length, stdin.Length - _stdinPosition);
        stdin.AsSpan(_stdinPosition, count).CopyTo(destination);
        _stdinPosition += count;
        return count;
    }

    /// <summary>Ends the execution as a timeout when its time is up, as the epoch does in guest code.</summary>
    public void ThrowIfDeadlinePassed()
    {
        if (DeadlinePassed) throw new HostDeadlineException();
    }

    public void Dispose()
    {
        Stdout.Dispose();
        Stderr.Dispose();
    }
}

/// <summary>Thrown inside a host function when the deadline passes there; Wasmtime turns it into a trap.</summary>
internal sealed class HostDeadlineException() : TimeoutException(Marker)
{
    /// <summary>The text that identifies this trap in what Wasmtime reports.</summary>
    public const string Marker = "the execution reached its deadline while in the host";
}
