namespace Booster.Contract;

/// <summary>
/// The three Wasmtime memory settings after applying the tuning rules. A null value means
/// "leave Wasmtime's upstream default alone" (the setter is not called).
/// </summary>
public sealed record WasmtimeMemorySettings(bool TuneDefaults, ulong? GuardSize, ulong? Reservation, ulong? ReservationForGrowth)
{
    public const ulong TunedGuardSize = 65536;
    public const ulong TunedReservation = 0;
    public const ulong TunedReservationForGrowth = 1048576;

    public static WasmtimeMemorySettings Tuned { get; } = Resolve(true, null, null, null);

    /// <summary>
    /// Tuned defaults when tuning is on, upstream defaults when off; an explicit value
    /// always wins, whatever the tuning flag says.
    /// </summary>
    public static WasmtimeMemorySettings Resolve(bool tuneDefaults, ulong? guardSize, ulong? reservation, ulong? reservationForGrowth) =>
        new(tuneDefaults,
            guardSize ?? (tuneDefaults ? TunedGuardSize : null),
            reservation ?? (tuneDefaults ? TunedReservation : null),
            reservationForGrowth ?? (tuneDefaults ? TunedReservationForGrowth : null));
}
