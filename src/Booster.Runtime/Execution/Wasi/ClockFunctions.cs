using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// WASI preview1 clocks and <c>poll_oneoff</c>, served by the host and bounded by the
/// execution's deadline. Epoch interruption stops guest code but not a guest asleep inside the
/// host (sleep, nanosleep, an hour-long or endless clock subscription), and Wasmtime's
/// poll_oneoff cannot be cut short. Here a sleep wakes at the deadline at the latest and then
/// traps, which ends the execution as a timeout. The monotonic clock is the execution's own
/// (<see cref="GuestClock"/>), so absolute subscriptions and clock_time_get agree and the host's
/// uptime stays hidden. Each call reads, decides (<see cref="PollPlan"/>), then writes.
/// </summary>
internal static class ClockFunctions
{
    /// <summary>Longest single nap while waiting, so the deadline is looked at often enough.</summary>
    private static readonly TimeSpan LongestNap = TimeSpan.FromMilliseconds(50);

    /// <summary>Defines them over Wasmtime's own; the linker must allow shadowing (<see cref="WasmEngine"/>).</summary>
    public static void Define(Linker linker)
    {
        linker.DefineFunction(WasiAbi.ModuleName, "clock_res_get", (CallerFunc<int, int, int>)ClockResGet);
        linker.DefineFunction(WasiAbi.ModuleName, "clock_time_get", (CallerFunc<int, long, int, int>)ClockTimeGet);
        linker.DefineFunction(WasiAbi.ModuleName, "poll_oneoff", (CallerFunc<int, int, int, int, int>)PollOneoff);
    }

    private static int ClockResGet(Caller caller, int clock, int resultOut) => (ClockId)clock switch
    {
        ClockId.Realtime => Store(caller, resultOut, GuestClock.RealtimeResolution),
        ClockId.Monotonic => Store(caller, resultOut, GuestClock.MonotonicResolution),
        ClockId.ProcessCpuTime or ClockId.ThreadCpuTime => (int)Errno.BadDescriptor, // as Wasmtime answers
        _ => (int)Errno.Invalid,
    };

    private static int ClockTimeGet(Caller caller, int clock, long precision, int resultOut) => (ClockId)clock switch
    {
        ClockId.Realtime => Store(caller, resultOut, GuestClock.RealtimeNow()),
        ClockId.Monotonic => Store(caller, resultOut, ClockOf(caller).MonotonicNow()),
        ClockId.ProcessCpuTime or ClockId.ThreadCpuTime => (int)Errno.BadDescriptor,
        _ => (int)Errno.Invalid,
    };

    private static int Store(Caller caller, int address, ulong value)
    {
        if (!GuestMemory.TryOpen(caller, out var memory) || !memory.Contains((uint)address, 8)) return (int)Errno.Fault;
        memory.WriteUInt64((uint)address, value);
        return (int)Errno.Success;
    }

    private static int PollOneoff(Caller caller, int subscriptionsAt, int eventsAt, int count, int countOut)
    {
        if (!GuestMemory.TryOpen(caller, out var memory)) return (int)Errno.Fault;
        var check = PollPlan.Check(memory.Length, (uint)subscriptionsAt, (uint)eventsAt, (uint)count, (uint)countOut);
        if (check != Errno.Success) return (int)check;
        var state = caller.GetData() as GuestState;
        var clock = state?.Clock ?? ProcessClock;

        var subscriptions = PollPlan.Decode(memory.Span((uint)subscriptionsAt, count * WasiAbi.SubscriptionSize));
        var wake = new ulong[subscriptions.Length];
        check = PollPlan.WakeTimes(subscriptions, clock.MonotonicNow(), GuestClock.RealtimeNow(), wake);
        if (check != Errno.Success) return (int)check;

        var stdin = state?.StdinRemaining ?? 0;
        var ready = PollPlan.Ready(subscriptions, wake, clock.MonotonicNow(), stdin);
        if (ready.Count == 0)
        {
            // Without an execution (a start function run at load) there is no time to wait.
            var deadline = state?.DeadlineNanoseconds ?? 0;
            var until = Math.Min(PollPlan.Earliest(wake), deadline);
            SleepUntil(clock, until);
            ready = PollPlan.Ready(subscriptions, wake, clock.MonotonicNow(), stdin);
            // Woken by the deadline: end the execution here, as the epoch would in guest code.
            if (ready.Count == 0) throw new HostDeadlineException();
        }

        for (var i = 0; i < ready.Count; i++)
            PollPlan.Encode(ready[i], memory.Span((uint)eventsAt + (ulong)i * WasiAbi.EventSize, WasiAbi.EventSize));
        memory.WriteUInt32((uint)countOut, (uint)ready.Count);
        return (int)Errno.Success;
    }

    /// <summary>Used when no execution is attached (a start function run while a module loads).</summary>
    private static readonly GuestClock ProcessClock = new();

    private static GuestClock ClockOf(Caller caller) => (caller.GetData() as GuestState)?.Clock ?? ProcessClock;

    /// <summary>Thread.Sleep rounds to whole milliseconds, down as well as up: sleep until really there.</summary>
    private static void SleepUntil(GuestClock clock, ulong until)
    {
        for (var now = clock.MonotonicNow(); now < until; now = clock.MonotonicNow())
        {
            var nap = TimeSpan.FromTicks((long)Math.Min((until - now) / 100, (ulong)LongestNap.Ticks));
            Thread.Sleep(nap < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : nap);
        }
    }
}
