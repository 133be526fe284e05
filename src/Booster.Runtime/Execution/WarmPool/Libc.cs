using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.WarmPool;

/// <summary>The memory-mapping calls of the C library the warm pool makes, and their constants.</summary>
internal static unsafe partial class Libc
{
    public const int ProtNone = 0;
    public const int ProtReadWrite = 3;
    public const int MapPrivate = 0x02;
    public const int MapAnonymous = 0x20;
    public const int MapNoReserve = 0x4000;
    public const int MadviseDontNeed = 4;
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mprotect(void* address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(void* address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int madvise(void* address, nuint length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mincore(void* address, nuint length, byte* vector);
}
