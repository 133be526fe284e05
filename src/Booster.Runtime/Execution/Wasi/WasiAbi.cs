namespace Booster.Runtime.Execution.Wasi;

/// <summary>The WASI preview1 names and layouts the host functions use, defined once.</summary>
internal static class WasiAbi
{
    /// <summary>The import module every WASI preview1 function lives in.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    public const int StdinDescriptor = 0, StdoutDescriptor = 1, StderrDescriptor = 2;

    /// <summary>Bytes of one iovec / ciovec: u32 buffer address, u32 length.</summary>
    public const int IovecSize = 8;

    /// <summary>Bytes of one subscription and of one event in poll_oneoff.</summary>
    public const int SubscriptionSize = 48, EventSize = 32;

    /// <summary>
    /// Most iovecs one fd_read / fd_write takes (Linux's IOV_MAX); more is EINVAL, as writev
    /// answers. Bounds the host's work per call whatever the guest asks.
    /// </summary>
    public const int MaxIovecs = 1024;

    /// <summary>Most subscriptions one poll_oneoff takes; more is EINVAL.</summary>
    public const int MaxSubscriptions = 1024;

    /// <summary>True when <paramref name="count"/> records of <paramref name="size"/> bytes at <paramref name="address"/> lie in memory.</summary>
    public static bool Fits(ulong memoryLength, uint address, uint count, int size) => address + (ulong)count * (ulong)size <= memoryLength;
}

/// <summary>WASI preview1 error numbers (<c>errno</c>) the host functions answer.</summary>
internal enum Errno : ushort
{
    Success = 0,
    BadDescriptor = 8,
    Fault = 21,
    Invalid = 28,
}

/// <summary>WASI preview1 clock ids.</summary>
internal enum ClockId
{
    Realtime = 0,
    Monotonic = 1,
    ProcessCpuTime = 2,
    ThreadCpuTime = 3,
}
