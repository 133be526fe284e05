using System.Runtime.InteropServices;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// Lowers the scheduling priority of the calling thread, for work that must yield to
/// compilation and to requests. <see cref="Thread.Priority"/> does nothing on Linux; the nice
/// value does, and on Linux it belongs to each thread (setpriority with who = 0 is the calling
/// thread). A nice thread still gets about a tenth of a busy core, so its work is never starved.
/// </summary>
internal static partial class BackgroundPriority
{
    /// <summary>The nice value set: 10 of the 0–19 an unprivileged process may choose.</summary>
    public const int Nice = 10;

    private const int PrioProcess = 0;

    /// <returns>True when lowered; false elsewhere than Linux or when refused (the thread then keeps its priority).</returns>
    public static bool LowerCurrentThread() => OperatingSystem.IsLinux() && setpriority(PrioProcess, 0, Nice) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);
}
