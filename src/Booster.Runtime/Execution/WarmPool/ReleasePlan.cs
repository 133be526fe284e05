namespace Booster.Runtime.Execution.WarmPool;

/// <summary>
/// How a released memory's bytes in its region are made zero again, decided apart from the
/// system calls. The guest could have touched only its own range of the region; the rest of the
/// region is zero already. Of that range, the part below
/// <see cref="WarmMemoryPool.KeepResidentBytes"/> is zeroed with memset and kept resident for the
/// next execution (a memset of a resident page costs far less than the page fault that would
/// bring a discarded one back); the part beyond is discarded.
/// </summary>
/// <remarks>
/// A page that is not resident was never touched (or was discarded) and already reads as zero,
/// so for a large kept part only the resident runs need a memset. Asking the kernel which pages
/// are resident (<c>mincore</c>) costs a system call of a few microseconds; a kept part up to
/// <see cref="ResidencyWorthAskingAbove"/> is zeroed whole, which costs less than asking.
/// </remarks>
internal static class ReleasePlan
{
    /// <summary>A byte range of the region.</summary>
    public readonly record struct Range(ulong Offset, ulong Length);

    /// <summary>Kept parts up to this size are zeroed whole, without asking which pages are resident.</summary>
    public const ulong ResidencyWorthAskingAbove = 256 << 10;

    /// <summary>The memory's range split at the kept bound: the part to zero and keep, the part to discard.</summary>
    /// <param name="offset">Where the memory starts in its region (page-aligned).</param>
    /// <param name="length">The memory's read/write bytes (page-aligned).</param>
    /// <param name="keepResidentBytes">The region's bytes below this bound may stay resident (page-aligned).</param>
    public static (Range Kept, Range Discard) Split(ulong offset, ulong length, ulong keepResidentBytes)
    {
        var kept = offset >= keepResidentBytes ? 0 : Math.Min(length, keepResidentBytes - offset);
        return (new Range(offset, kept), new Range(offset + kept, length - kept));
    }

    /// <summary>Whether to ask which pages of the kept part are resident before zeroing it.</summary>
    public static bool AsksResidency(Range kept) => kept.Length > ResidencyWorthAskingAbove;

    /// <summary>The runs of resident pages in the kept part: the ranges to zero when residency was asked.</summary>
    /// <param name="kept">The kept part (<see cref="Split"/>).</param>
    /// <param name="pageSize">The system page size.</param>
    /// <param name="resident">mincore's answer for the kept part: bit 0 of each byte set when the page is resident.</param>
    public static List<Range> ResidentRuns(Range kept, ulong pageSize, ReadOnlySpan<byte> resident)
    {
        var runs = new List<Range>();
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
            runs.Add(new Range(kept.Offset + (ulong)first * pageSize, (ulong)(page - first) * pageSize));
        }
        return runs;
    }
}
