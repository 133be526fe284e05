using System.Diagnostics;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// WASI preview1 clocks and <c>poll_oneoff</c>, served by the host and bounded by the
/// execution's deadline. Epoch interruption stops guest code but not a guest asleep inside the
/// host (sleep, nanosleep, an hour-long clock subscription), and Wasmtime's poll_oneoff cannot
/// be cut short. Here a sleep wakes at the deadline at the latest and then traps, which ends
/// the execution as a timeout. The monotonic clock is this process's, so that absolute
/// subscriptions and clock_time_get agree.
///
/// Executions have only the standard streams, which are always ready (stdin is in memory), so
/// a subscription on one of them is answered at once; any other descriptor is EBADF.
/// </summary>
internal static class ClockFunctions
{
    private const string Wasi = "wasi_snapshot_preview1";
    private const int Success = 0, BadDescriptor = 8, Fault = 21, Invalid = 28;
    private const int Realtime = 0, Monotonic = 1, ProcessCpuTime = 2, ThreadCpuTime = 3;
    private const int SubscriptionSize = 48, EventSize = 32;
    private const byte ClockEvent = 0, FdReadEvent = 1, FdWriteEvent = 2;
    private const long RealtimeResolutionNs = 100; // DateTime ticks

    public static void Define(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "clock_res_get", (CallerFunc<int, int, int>)ClockResGet);
        linker.DefineFunction(Wasi, "clock_time_get", (CallerFunc<int, long, int, int>)ClockTimeGet);
        linker.DefineFunction(Wasi, "poll_oneoff", (CallerFunc<int, int, int, int, int>)PollOneoff);
        linker.AllowShadowing = false;
    }

    /// <summary>Nanoseconds on the monotonic clock: this process's Stopwatch.</summary>
    internal static long MonotonicNow() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    internal static long RealtimeNow() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static int ClockResGet(Caller caller, int clock, int resultOut) => clock switch
    {
        Realtime => Store(caller, resultOut, RealtimeResolutionNs),
        Monotonic => Store(caller, resultOut, Math.Max(1, (long)(1e9 / Stopwatch.Frequency))),
        ProcessCpuTime or ThreadCpuTime => BadDescriptor, // as Wasmtime answers
        _ => Invalid,
    };

    private static int ClockTimeGet(Caller caller, int clock, long precision, int resultOut) => clock switch
    {
        Realtime => Store(caller, resultOut, RealtimeNow()),
        Monotonic => Store(caller, resultOut, MonotonicNow()),
        ProcessCpuTime or ThreadCpuTime => BadDescriptor,
        _ => Invalid,
    };

    private static int Store(Caller caller, int address, long value)
    {
        var memory = caller.GetMemory("memory");
        if (memory is null || (uint)address + 8UL > (ulong)memory.GetLength()) return Fault;
        memory.WriteInt64((uint)address, value);
        return Success;
    }

    private static int PollOneoff(Caller caller, int subscriptions, int events, int count, int eventCountOut)
    {
        if (count <= 0) return Invalid;
        var memory = caller.GetMemory("memory");
        var length = (ulong)(memory?.GetLength() ?? 0);
        if (memory is null ||
            (uint)subscriptions + (ulong)(uint)count * SubscriptionSize > length ||
            (uint)events + (ulong)(uint)count * EventSize > length ||
            (uint)eventCountOut + 4UL > length)
            return Fault;
        var state = caller.GetData() as GuestState;

        // Descriptor subscriptions are answered at once; clocks only when none is.
        var written = 0;
        long earliest = long.MaxValue;
        var wakeTimes = new long[count];
        for (var i = 0; i < count; i++)
        {
            var subscription = (uint)subscriptions + (long)i * SubscriptionSize;
            var userdata = memory.ReadInt64(subscription);
            var tag = memory.ReadByte(subscription + 8);
            if (tag is FdReadEvent or FdWriteEvent)
            {
                var fd = memory.ReadInt32(subscription + 16);
                var ready = tag == FdReadEvent ? fd == 0 : fd is 1 or 2;
                var available = tag == FdReadEvent && ready ? state?.StdinRemaining ?? 0 : 0;
                WriteEvent(memory, events, written++, userdata, ready ? Success : BadDescriptor, tag, available);
                wakeTimes[i] = long.MinValue;
                continue;
            }
            if (tag != ClockEvent)
            {
                WriteEvent(memory, events, written++, userdata, Invalid, tag, 0);
                wakeTimes[i] = long.MinValue;
                continue;
            }
            var clock = memory.ReadInt32(subscription + 16);
            var timeout = memory.ReadInt64(subscription + 24);
            var absolute = (memory.ReadInt16(subscription + 40) & 1) != 0;
            if (clock is not (Realtime or Monotonic))
            {
                WriteEvent(memory, events, written++, userdata, clock is ProcessCpuTime or ThreadCpuTime ? BadDescriptor : Invalid, ClockEvent, 0);
                wakeTimes[i] = long.MinValue;
                continue;
            }
            var now = MonotonicNow();
            var wake = !absolute ? SaturatingAdd(now, timeout)
                : clock == Monotonic ? timeout
                : SaturatingAdd(now, timeout - RealtimeNow());
            wakeTimes[i] = wake;
            earliest = Math.Min(earliest, wake);
        }

        if (written == 0)
        {
            // Sleep until the earliest clock, or the deadline if that comes first.
            var remaining = state?.RemainingNanoseconds ?? long.MaxValue;
            var until = Math.Min(earliest, SaturatingAdd(MonotonicNow(), remaining));
            // Thread.Sleep rounds to whole milliseconds, down as well as up: sleep until really there.
            for (var wait = until - MonotonicNow(); wait > 0; wait = until - MonotonicNow())
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, wait / 1_000_000)));

            var now = MonotonicNow();
            for (var i = 0; i < count; i++)
            {
                if (wakeTimes[i] == long.MinValue || wakeTimes[i] > now) continue;
                var subscription = (uint)subscriptions + (long)i * SubscriptionSize;
                WriteEvent(memory, events, written++, memory.ReadInt64(subscription), Success, ClockEvent, 0);
            }
            // Woken by the deadline: end the execution here, as the epoch would in guest code.
            if (written == 0) throw new TimeoutException(FailureClassifier.HostDeadlineMarker);
        }
        memory.WriteInt32((uint)eventCountOut, written);
        return Success;
    }

    private static void WriteEvent(Memory memory, int events, int index, long userdata, int error, byte type, long bytes)
    {
        var address = (uint)events + (long)index * EventSize;
        memory.GetSpan(address, EventSize).Clear();
        memory.WriteInt64(address, userdata);
        memory.WriteInt16(address + 8, (short)error);
        memory.WriteByte(address + 10, type);
        memory.WriteInt64(address + 16, bytes);
    }

    private static long SaturatingAdd(long a, long b) =>
        b > 0 && a > long.MaxValue - b ? long.MaxValue : b < 0 && a < long.MinValue - b ? long.MinValue : a + b;
}
