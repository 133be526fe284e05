using Booster.Contract;
using Booster.Runtime.Execution;

namespace Booster.Runtime.Configuration;

/// <summary>
/// The configuration as it is in force, for the start-up log line and <c>GET /info</c>:
/// every BOOSTER_* variable with its effective value, and the Wasmtime settings applied.
/// </summary>
internal sealed record EffectiveConfiguration(
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<string, string> Wasmtime,
    long? VmMaxMapCount)
{
    public const string Upstream = "upstream default";
    public const string TokenSet = "set (hidden)";
    public const string TokenUnset = "unset (no token asked)";

    public static EffectiveConfiguration Describe(RuntimeSettings settings, WasmEngine engine, long? vmMaxMapCount)
    {
        var written = RuntimeEnvironment.ToVariables(settings).ToDictionary(v => v.Key, v => v.Value);
        var variables = BoosterVariables.All.ToDictionary(
            name => name,
            name => written.GetValueOrDefault(name) ?? name switch
            {
                BoosterVariables.DefaultModule => "newest valid module",
                // Whether a token is asked for, never the token.
                BoosterVariables.AuthToken => settings.AuthToken is null ? TokenUnset : TokenSet,
                BoosterVariables.CachePath => Modules.Cache.CompiledCodeCache.DefaultRoot,
                BoosterVariables.ModulesConfig => $"{RuntimeSettings.Defaults.ModulesConfigFileName} in {BoosterVariables.Path}, when there",
                // Unset: the default for this processor, as it runs.
                BoosterVariables.Compiler => CompilerModes.Name(engine.Mode),
                _ => Upstream,
            });
        var memory = settings.Memory;
        var wasmtime = new Dictionary<string, string>
        {
            ["version"] = WasmEngine.WasmtimeVersion,
            ["allocator"] = engine.Allocator,
            ["memory_guard_size"] = Bytes(memory.GuardSize),
            ["memory_reservation"] = Bytes(memory.Reservation),
            ["memory_reservation_for_growth"] = Bytes(memory.ReservationForGrowth),
            ["compilers"] = engine.Baseline is null ? "cranelift" : "winch, cranelift",
            ["epoch_tick_ms"] = WasmEngine.EpochTick.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new EffectiveConfiguration(variables, wasmtime, vmMaxMapCount);
    }

    /// <summary>One line: NAME=value pairs, for the start-up log.</summary>
    public string ToLogLine() =>
        string.Join(' ', Variables.Select(v => $"{v.Key}={Quote(v.Value)}")) + " | wasmtime " +
        string.Join(' ', Wasmtime.Select(v => $"{v.Key}={Quote(v.Value)}")) +
        $" | vm.max_map_count={VmMaxMapCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}";

    private static string Bytes(ulong? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Upstream;

    private static string Quote(string value) => value.Contains(' ') ? $"\"{value}\"" : value;
}
