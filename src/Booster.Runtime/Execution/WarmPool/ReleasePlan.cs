namespace Booster.Runtime.Execution.WarmPool;

/// <summary>
/// How a released memory's bytes in its region are made zero again, decided apart from the
/// system calls. The guest could have touched only its own range of the region; the rest of the
/// region is zero already. Of that range, a page that is not resident was never touched (or was
/// discarded) and already reads as zero. So: memset the resident pages below
/// <see cref="WarmMemoryPool.KeepResidentBytes"/>, keeping them for the next execution (a memset
/// of a resident page costs far less than the page fault that would bring a discarded one back),
/// and discard everything beyond that bound.
/// </summary>
/// <remarks>
/// Asking the kernel which pages are resident (<c>mincore</c>) costs a system call of a few
/// microseconds; for a small range a memset of all of it is cheaper than asking
/// (<see cref="ResidencyWorthAskingAbove"/>).
/// </remarks>
internal static class ReleasePlan
{
    /// <summary>A byte range of the region.</summary>
    public readonly record struct Range(ulong Offset, ulong Length);

    /// <summary>Kept ranges up to this size are zeroed whole, without asking which pages are resident.</summary>
    public const ulong ResidencyWorthAskingAbove = 256 << 10;

    /// <summary>The part of the memory's range that stays resident: what lies below the kept bound.</summary>
    public static Range Kept(ulong offset, ulong length, ulong keepResidentBytes) =>
        offset >= keepResidentBytes ? new Range(offset, 0) : new Range(offset, Math.Min(length, keepResidentBytes - offset));

    /// <param name="offset">Where the memory starts in its region (page-aligned).</param>
    /// <param name="length">The memory's read/write bytes (page-aligned).</param>
    /// <param name="keepResidentBytes">The region's bytes below this bound may stay resident (page-aligned).</param>
    /// <param name="pageSize">The system page size.</param>
    /// <param name="resident">
    /// mincore's answer for the pages of <see cref="Kept"/>: bit 0 of each byte set when the page is
    /// resident; empty when residency was not asked (every kept page is then zeroed).
    /// </param>
    /// <returns>Ranges to zero with memset, and the range to discard (length 0 for none).</returns>
    public static (List<Range> Zero, Range Discard) Decide(ulong offset, ulong length, ulong keepResidentBytes, ulong pageSize, ReadOnlySpan<byte> resident)
    {
        var kept = Kept(offset, length, keepResidentBytes);
        var discard = new Range(kept.Offset + kept.Length, length - kept.Length);
        var zero = new List<Range>();
        if (kept.Length == 0) return (zero, discard);
        if (resident.IsEmpty)
        {
            zero.Add(kept);
            return (zero, discard);
        }
        var pages = (int)(kept.Length / pageSize);
        for (var page = 0; page < pages;)
        {
            if ((resident[page] & 1) == 0)
            {
                page++;
                continue;
            }
            var first = page;
            while (page < pages && (resident[page] & 1) != 0) page++;
            zero.Add(new Range(offset + (ulong)first * pageSize, (ulong)(page - first) * pageSize));
        }
        return (zero, discard);
    }
}
