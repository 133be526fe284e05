using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// Wasmtime memory settings (<c>BOOSTER_WASMTIME_*</c>). An override, when set, wins over
/// both the tuned and the upstream default, whatever <see cref="TuneDefaults"/> says.
/// </summary>
internal sealed class WasmtimeSpec
{
    /// <summary>Tuned memory defaults (true) or Wasmtime's upstream defaults (false).</summary>
    [JsonPropertyName("tuneDefaults")]
    public bool TuneDefaults { get; set; } = true;

    /// <summary>Override of <c>memory_guard_size</c>; null keeps the default.</summary>
    [JsonPropertyName("memoryGuardSize")]
    public ByteQuantity? MemoryGuardSize { get; set; }

    /// <summary>Override of <c>memory_reservation</c>; null keeps the default.</summary>
    [JsonPropertyName("memoryReservation")]
    public ByteQuantity? MemoryReservation { get; set; }

    /// <summary>Override of <c>memory_reservation_for_growth</c>; null keeps the default.</summary>
    [JsonPropertyName("memoryReservationForGrowth")]
    public ByteQuantity? MemoryReservationForGrowth { get; set; }
}
