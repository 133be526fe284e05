using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Booster.Contract;
using Booster.Runtime.Execution;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// Names one entry of the compiled-code cache: the module's sha256 (and whether its bytes are
/// text or binary), the Wasmtime version, the processor architecture and the engine settings
/// that shape compiled code. Code compiled under other settings has another key, so it is
/// never even looked at. (Wasmtime also refuses to deserialize code built for an incompatible
/// engine; that stays as a second line of defence.)
/// </summary>
internal readonly record struct CacheKey(string Hex)
{
    public static CacheKey For(string moduleSha256, bool isText, string engineFingerprint) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{moduleSha256}\n{(isText ? "wat" : "wasm")}\n{engineFingerprint}"))));

    /// <summary>The 32 bytes the hex stands for, as written into an entry's header.</summary>
    public byte[] ToBytes() => Convert.FromHexString(Hex);

    /// <summary>
    /// What the engine's compiled code depends on here. The memory settings decide how
    /// bounds checks are compiled; epoch interruption is always on and adds its checks; the
    /// compiler (Cranelift or Winch) makes different code, which only its own engine runs.
    /// </summary>
    public static string EngineFingerprint(string wasmtimeVersion, WasmtimeMemorySettings memory, CodeTier tier = CodeTier.Optimized) =>
        $"wasmtime={wasmtimeVersion};arch={RuntimeInformation.ProcessArchitecture};" +
        $"guard={Setting(memory.GuardSize)};reservation={Setting(memory.Reservation)};growth={Setting(memory.ReservationForGrowth)};" +
        "epoch-interruption=on" + (tier == CodeTier.Baseline ? ";compiler=winch" : "");

    private static string Setting(ulong? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "upstream";

    public override string ToString() => Hex;
}
