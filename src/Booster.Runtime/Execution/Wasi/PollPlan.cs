using System.Buffers.Binary;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>One poll_oneoff subscription as the guest wrote it.</summary>
internal readonly record struct Subscription(ulong Userdata, byte Type, uint ClockOrDescriptor, ulong Timeout, ushort Flags)
{
    public const byte Clock = 0, FdRead = 1, FdWrite = 2;

    /// <summary>subclockflags bit 0: the timeout is an absolute time on the clock.</summary>
    public bool Absolute => (Flags & 1) != 0;
}

/// <summary>One poll_oneoff event to write back.</summary>
internal readonly record struct PollEvent(ulong Userdata, Errno Error, byte Type, ulong ReadableBytes);

/// <summary>
/// The decision part of poll_oneoff, apart from Wasmtime and from the clock: when each clock
/// subscription fires and which subscriptions are ready at a given time. Timeouts are u64
/// nanoseconds; <see cref="Never"/> stands for a time no sleep reaches (the deadline still ends it).
/// Executions have only the standard streams, always ready (stdin is in memory).
/// </summary>
internal static class PollPlan
{
    public const ulong Never = ulong.MaxValue;

    /// <summary>EINVAL for no subscriptions or more than the cap; EFAULT when an array or the count is outside memory.</summary>
    public static Errno Check(ulong memoryLength, uint subscriptions, uint events, uint count, uint countOut)
    {
        if (count == 0 || count > WasiAbi.MaxSubscriptions) return Errno.Invalid;
        return WasiAbi.Fits(memoryLength, subscriptions, count, WasiAbi.SubscriptionSize) &&
               WasiAbi.Fits(memoryLength, events, count, WasiAbi.EventSize) &&
               WasiAbi.Fits(memoryLength, countOut, 1, sizeof(uint))
            ? Errno.Success : Errno.Fault;
    }

    public static Subscription[] Decode(ReadOnlySpan<byte> array)
    {
        var subscriptions = new Subscription[array.Length / WasiAbi.SubscriptionSize];
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var s = array.Slice(i * WasiAbi.SubscriptionSize, WasiAbi.SubscriptionSize);
            subscriptions[i] = new Subscription(
                BinaryPrimitives.ReadUInt64LittleEndian(s), s[8], BinaryPrimitives.ReadUInt32LittleEndian(s[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s[24..]), BinaryPrimitives.ReadUInt16LittleEndian(s[40..]));
        }
        return subscriptions;
    }

    /// <summary>
    /// When each clock subscription fires on the guest's monotonic scale (<see cref="Never"/> for
    /// descriptors and unreachable times). EINVAL for a clock other than realtime or monotonic.
    /// </summary>
    public static Errno WakeTimes(ReadOnlySpan<Subscription> subscriptions, ulong monotonicNow, ulong realtimeNow, Span<ulong> wake)
    {
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var s = subscriptions[i];
            wake[i] = Never;
            if (s.Type != Subscription.Clock) continue;
            wake[i] = (ClockId)s.ClockOrDescriptor switch
            {
                ClockId.Monotonic when s.Absolute => s.Timeout,
                ClockId.Realtime when s.Absolute => SaturatingAdd(monotonicNow, s.Timeout > realtimeNow ? s.Timeout - realtimeNow : 0),
                ClockId.Monotonic or ClockId.Realtime => SaturatingAdd(monotonicNow, s.Timeout),
                _ => 0,
            };
            if ((ClockId)s.ClockOrDescriptor is not (ClockId.Monotonic or ClockId.Realtime)) return Errno.Invalid;
        }
        return Errno.Success;
    }

    /// <summary>Events ready at <paramref name="now"/>, in subscription order.</summary>
    public static List<PollEvent> Ready(ReadOnlySpan<Subscription> subscriptions, ReadOnlySpan<ulong> wake, ulong now, long stdinRemaining)
    {
        var events = new List<PollEvent>(subscriptions.Length);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var s = subscriptions[i];
            switch (s.Type)
            {
                case Subscription.Clock:
                    if (wake[i] <= now) events.Add(new PollEvent(s.Userdata, Errno.Success, s.Type, 0));
                    break;
                case Subscription.FdRead:
                    events.Add(s.ClockOrDescriptor == WasiAbi.StdinDescriptor
                        ? new PollEvent(s.Userdata, Errno.Success, s.Type, (ulong)Math.Max(0, stdinRemaining))
                        : new PollEvent(s.Userdata, Errno.BadDescriptor, s.Type, 0));
                    break;
                case Subscription.FdWrite:
                    events.Add(s.ClockOrDescriptor is WasiAbi.StdoutDescriptor or WasiAbi.StderrDescriptor
                        ? new PollEvent(s.Userdata, Errno.Success, s.Type, 0)
                        : new PollEvent(s.Userdata, Errno.BadDescriptor, s.Type, 0));
                    break;
                default:
                    events.Add(new PollEvent(s.Userdata, Errno.Invalid, s.Type, 0));
                    break;
            }
        }
        return events;
    }

    /// <summary>The earliest wake time, or <see cref="Never"/>.</summary>
    public static ulong Earliest(ReadOnlySpan<ulong> wake)
    {
        var earliest = Never;
        foreach (var w in wake) earliest = Math.Min(earliest, w);
        return earliest;
    }

    /// <summary>The 32 bytes of one event.</summary>
    public static void Encode(PollEvent e, Span<byte> destination)
    {
        destination[..WasiAbi.EventSize].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(destination, e.Userdata);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)e.Error);
        destination[10] = e.Type;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], e.ReadableBytes);
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => b > Never - a ? Never : a + b;
}
