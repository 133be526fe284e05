namespace Booster.Runtime.Execution.WarmPool;

/// <summary>
/// How a released region is made zero again, decided apart from the system calls. Pages the
/// guest could have touched lie below the region's read/write extent; of those, a page that is
/// not resident was never touched (or was discarded) and already reads as zero. So: memset the
/// resident pages up to <see cref="WarmMemoryPool.KeepResidentBytes"/>, keeping them for the next
/// execution (a memset of a resident page costs far less than the page fault that would bring a
/// discarded one back), and discard everything beyond that bound.
/// </summary>
internal static class ReleasePlan
{
    /// <summary>A byte range of the region.</summary>
    public readonly record struct Range(ulong Offset, ulong Length);

    /// <param name="exposedBytes">The region's read/write extent (page-aligned).</param>
    /// <param name="keepResidentBytes">The most bytes kept resident (page-aligned).</param>
    /// <param name="pageSize">The system page size.</param>
    /// <param name="resident">mincore's answer for the kept pages: bit 0 of each byte set when the page is resident.</param>
    /// <returns>Ranges to zero with memset, and the range to discard (length 0 for none).</returns>
    public static (List<Range> Zero, Range Discard) Decide(ulong exposedBytes, ulong keepResidentBytes, ulong pageSize, ReadOnlySpan<byte> resident)
    {
        var kept = Math.Min(exposedBytes, keepResidentBytes);
        var pages = (int)(kept / pageSize);
        var zero = new List<Range>();
        for (var page = 0; page < pages;)
        {
            if ((resident[page] & 1) == 0)
            {
                page++;
                continue;
            }
            var first = page;
            while (page < pages && (resident[page] & 1) != 0) page++;
            zero.Add(new Range((ulong)first * pageSize, (ulong)(page - first) * pageSize));
        }
        return (zero, new Range(kept, exposedBytes - kept));
    }
}
