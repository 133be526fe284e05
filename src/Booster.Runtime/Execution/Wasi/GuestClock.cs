using System.Diagnostics;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// The clocks one execution sees. The monotonic clock starts at zero when the execution
/// starts, as Wasmtime's own WASI does, so a guest learns nothing of the host's uptime; the
/// realtime clock is the wall clock. Deadlines are kept on the same monotonic scale.
/// </summary>
internal sealed class GuestClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>Nanoseconds since the execution started.</summary>
    public ulong MonotonicNow() => TicksToNanoseconds(Stopwatch.GetTimestamp() - _origin);

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public static ulong RealtimeNow() => (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>Resolution of the monotonic clock in nanoseconds.</summary>
    public static ulong MonotonicResolution => Math.Max(1, (ulong)(1e9 / Stopwatch.Frequency));

    /// <summary>DateTime ticks: 100 ns.</summary>
    public const ulong RealtimeResolution = 100;

    private static ulong TicksToNanoseconds(long ticks) => (ulong)Math.Max(0, (long)(ticks * (1e9 / Stopwatch.Frequency)));
}
