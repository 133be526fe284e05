using Booster.Contract;

namespace Booster.Runtime.Configuration;

/// <summary>
/// Finds memory settings that cannot work, before the engine exists: Wasmtime's C API aborts
/// the whole process on some invalid configurations instead of returning an error, and an
/// instance that can never be mapped would fail every request. Pure: facts in, problems out.
/// </summary>
internal static class EngineSettingsCheck
{
    /// <summary>Wasmtime's own defaults on 64-bit hosts, used when tuning is off.</summary>
    public const ulong UpstreamReservation = 4UL << 30;
    public const ulong UpstreamGuardSize = 32UL << 20;

    /// <summary>Largest span one process can map on x86-64 / arm64 Linux user space.</summary>
    public const ulong UserAddressSpace = 1UL << 47;

    /// <summary>
    /// Address space one live instance reserves for its linear memory: the reservation (at
    /// least the initial memory), a guard region after it and, in Wasmtime, one before it.
    /// </summary>
    public static ulong ReservedPerInstance(WasmtimeMemorySettings memory, ulong initialMemory = 0)
    {
        var reservation = memory.Reservation ?? UpstreamReservation;
        var guard = memory.GuardSize ?? UpstreamGuardSize;
        var growth = memory.ReservationForGrowth ?? 0;
        var body = Math.Max(reservation, initialMemory + growth);
        return body + 2 * guard;
    }

    /// <param name="memory">Effective Wasmtime memory settings.</param>
    /// <param name="addressSpaceLimit">RLIMIT_AS, when limited.</param>
    /// <param name="addressSpaceInUse">What the process maps already (the .NET runtime alone reserves tens of GiB).</param>
    public static IReadOnlyList<string> Check(WasmtimeMemorySettings memory, ulong? addressSpaceLimit, ulong addressSpaceInUse)
    {
        var problems = new List<string>();
        var perInstance = ReservedPerInstance(memory);
        if (perInstance >= UserAddressSpace)
        {
            problems.Add($"{BoosterVariables.WasmtimeMemoryReservation} and {BoosterVariables.WasmtimeMemoryGuardSize} together " +
                         $"reserve {ByteSize.Format(perInstance)} per instance, more than a process can map ({ByteSize.Format(UserAddressSpace)}); " +
                         "lower them");
        }
        else if (addressSpaceLimit is { } limit && addressSpaceInUse + perInstance > limit)
        {
            problems.Add($"one instance reserves {ByteSize.Format(perInstance)} of address space " +
                         $"({BoosterVariables.WasmtimeMemoryReservation} + guards), but only " +
                         $"{ByteSize.Format(limit > addressSpaceInUse ? limit - addressSpaceInUse : 0)} is left under the " +
                         $"address-space limit (RLIMIT_AS {ByteSize.Format(limit)}); keep the tuned defaults " +
                         $"({BoosterVariables.WasmtimeTuneDefaults} unset) or raise the limit");
        }
        return problems;
    }
}
