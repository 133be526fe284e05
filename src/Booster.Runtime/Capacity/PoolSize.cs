using Booster.Contract;

namespace Booster.Runtime.Capacity;

/// <summary>
/// The pool's size, decided once at start-up by resource budget: how many executions may run at
/// once so that the process never reaches vm.max_map_count (where the .NET process aborts
/// instead of throwing) nor its address-space limit. Each request is then admitted against this
/// size by <see cref="Execution.ExecutionGate"/>. Pure: measurements in, a decision out.
/// </summary>
internal sealed record PoolSize(int Requested, int Effective, int? FitByMaps, int? FitByAddressSpace, InstanceCost Cost, ResourceHeadroom Headroom)
{
    /// <summary>Share of the remaining headroom executions may use; the rest is the runtime's own.</summary>
    public const double Margin = 0.8;

    /// <summary>Maps kept for the runtime itself (threads, GC, JIT) beyond the margin.</summary>
    public const long ReservedMaps = 2000;

    /// <summary>Address space kept for the runtime itself beyond the margin.</summary>
    public const ulong ReservedAddressSpace = 4UL << 30;

    /// <summary>
    /// Maps an execution adds besides its instance: the stack of the thread it blocks and that
    /// stack's guard page. The probe runs its instances on one thread and the runtime's own
    /// threads are in <see cref="ResourceHeadroom.MapsInUse"/> before the pool's threads start,
    /// so neither the cost nor the maps in use count these.
    /// </summary>
    public const double MapsPerExecutingThread = 2;

    public static PoolSize Decide(int requested, InstanceCost cost, ResourceHeadroom headroom)
    {
        int? byMaps = null;
        if (headroom.MaxMapCount is { } maxMaps)
        {
            var free = (maxMaps - headroom.MapsInUse) * Margin - ReservedMaps;
            byMaps = Fit(free, cost.Maps + MapsPerExecutingThread);
        }

        int? byAddressSpace = null;
        if (headroom.AddressSpaceLimit is { } limit)
        {
            var free = ((double)limit - headroom.AddressSpaceInUse) * Margin - ReservedAddressSpace;
            byAddressSpace = Fit(free, Math.Max(cost.AddressSpaceBytes, 1));
        }

        var effective = Math.Max(1, Math.Min(requested, Math.Min(byMaps ?? int.MaxValue, byAddressSpace ?? int.MaxValue)));
        return new PoolSize(requested, effective, byMaps, byAddressSpace, cost, headroom);
    }

    public bool IsLimited => Effective < Requested;

    /// <summary>What bounds the pool: "BOOSTER_POOL_MAX", "vm.max_map_count" or "RLIMIT_AS".</summary>
    public string LimitedBy =>
        !IsLimited ? BoosterVariables.PoolMax
        : FitByAddressSpace is { } a && a <= (FitByMaps ?? int.MaxValue) ? "RLIMIT_AS"
        : "vm.max_map_count";

    public string Describe() =>
        $"{BoosterVariables.PoolMax}={Requested}; one instance costs ~{Cost.Maps:F0} maps and {Cost.AddressSpaceBytes / 1048576.0:F1} MiB " +
        $"of address space; vm.max_map_count fits {Text(FitByMaps)}, RLIMIT_AS fits {Text(FitByAddressSpace)} " +
        $"(keeping {(1 - Margin) * 100:F0}% headroom); admitting {Effective} at once" +
        (IsLimited ? $" (limited by {LimitedBy})" : "");

    private static int Fit(double free, double each) => free <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / each));

    private static string Text(int? fit) => fit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any number";
}
