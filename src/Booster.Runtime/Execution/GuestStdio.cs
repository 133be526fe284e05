namespace Booster.Runtime.Execution;

/// <summary>
/// One execution's standard streams: stdin bytes to hand out, stdout and stderr captured
/// with their caps. Lives in the Store's data; <see cref="StdioFunctions"/> reads and writes it.
/// </summary>
internal sealed class GuestStdio(byte[]? stdin, long maxOutputBytes) : IDisposable
{
    private int _stdinPosition;

    public OutputCapture Stdout { get; } = new(maxOutputBytes);
    public OutputCapture Stderr { get; } = new(maxOutputBytes);

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
