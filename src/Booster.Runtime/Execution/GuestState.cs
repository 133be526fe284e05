using System.Diagnostics;

namespace Booster.Runtime.Execution;

/// <summary>
/// What the host functions of one execution need: stdin bytes to hand out, stdout and stderr
/// captured with their caps, and the execution's deadline. Lives in the Store's data;
/// <see cref="StdioFunctions"/> and <see cref="ClockFunctions"/> use it.
/// </summary>
internal sealed class GuestState(byte[]? stdin, long maxOutputBytes, TimeSpan timeout) : IDisposable
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

    private int _stdinPosition;

    public OutputCapture Stdout { get; } = new(maxOutputBytes);
    public OutputCapture Stderr { get; } = new(maxOutputBytes);

    /// <summary>Nanoseconds left before the deadline (0 once it has passed).</summary>
    public long RemainingNanoseconds =>
        Math.Max(0, (long)((_deadline - Stopwatch.GetTimestamp()) * (1e9 / Stopwatch.Frequency)));

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

    public void Dispose()
    {
        Stdout.Dispose();
        Stderr.Dispose();
    }
}
