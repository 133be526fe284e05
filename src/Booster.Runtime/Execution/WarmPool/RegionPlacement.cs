namespace Booster.Runtime.Execution.WarmPool;

/// <summary>
/// Where a new memory goes in a free region, decided apart from the system calls. A free region
/// is zero, read/write up to its exposed extent and inaccessible beyond. The memory must end
/// exactly where the inaccessible part begins (the guard that traps accesses past its end), and
/// changing the extent costs an <c>mprotect</c>: exposing more is cheap, but exposing less makes
/// the kernel flush the other cores' TLBs, which is costly (more so in a VM) and serialises
/// executions on the process's memory-map lock.
/// </summary>
/// <remarks>
/// So a memory is placed to end at the top of the exposed extent whenever that leaves its
/// growth room and guard inside the region and the extent within the kept-resident bound: no
/// system call at all. A guest that grows its memory every run (SQLite: 192 KiB at start,
/// 256 KiB after a query) thus raises the extent a little each run and costs one cheap
/// <c>mprotect</c> per run instead of a shrink and a grow; only when the extent reaches the
/// bound does one shrink bring it back to the bottom.
/// </remarks>
internal static class RegionPlacement
{
    /// <summary>The memory's offset in the region and the region's extent after placing it.</summary>
    public readonly record struct Placement(ulong Offset, ulong Exposed);

    /// <param name="exposed">The free region's read/write extent (page-aligned).</param>
    /// <param name="size">The memory's initial size (page-aligned).</param>
    /// <param name="growthRoom">Room the memory must have to grow in place (memory_reservation_for_growth).</param>
    /// <param name="guard">The guard after the memory.</param>
    /// <param name="regionBytes">The region's address space.</param>
    /// <param name="keepResidentBytes">Bound below which the region's pages may stay resident.</param>
    public static Placement Decide(ulong exposed, ulong size, ulong growthRoom, ulong guard, ulong regionBytes, ulong keepResidentBytes)
    {
        if (exposed >= size && exposed <= keepResidentBytes && exposed + growthRoom + guard <= regionBytes)
            return new Placement(exposed - size, exposed);
        return new Placement(0, size);
    }

    /// <summary>The largest memory that grows by moving down instead of exposing more of its region.</summary>
    public const ulong MoveDownAtMostBytes = 256 << 10;

    /// <summary>
    /// Whether a memory in a region grows by moving down by the growth, keeping its end (and the
    /// guard after it) where it is: a copy of the memory and a memset of the growth instead of an
    /// <c>mprotect</c>. It needs that much of the region below the memory (read/write and zero)
    /// and a memory small enough that the copy costs less than the system call, whose cost (a TLB
    /// flush across cores, and waiting for the memory-map lock when executions contend) is that of
    /// copying a few hundred KiB (docs/performance.md).
    /// </summary>
    /// <param name="offset">The memory's offset in its region.</param>
    /// <param name="size">The memory's size now (page-aligned).</param>
    /// <param name="growth">The bytes it grows by (page-aligned).</param>
    public static bool GrowsByMovingDown(ulong offset, ulong size, ulong growth) =>
        growth <= offset && size <= MoveDownAtMostBytes;
}
