using System.Globalization;

namespace Booster.Contract;

/// <summary>
/// The inverse of <see cref="RuntimeSettingsParser"/>: the BOOSTER_* variables that give
/// these settings. The runtime prints it; the operator can write it into a pod.
/// </summary>
public static class RuntimeEnvironment
{
    /// <summary>
    /// Variables in documentation order. Settings left at Wasmtime's upstream default (null
    /// memory values), an unset default module, an unset cache path, an unset settings file and an unset compiler are omitted: setting them would change them.
    /// The bearer token is never written out as text: a pod gets it from a Secret.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToVariables(RuntimeSettings settings)
    {
        var memory = settings.Memory;
        var all = new (string Name, string? Value)[]
        {
            (BoosterVariables.PoolMax, Integer(settings.PoolMax)),
            (BoosterVariables.QueueMax, Integer(settings.QueueMax)),
            (BoosterVariables.QueueTimeoutMs, Integer(settings.QueueTimeoutMs)),
            (BoosterVariables.DrainDelayMs, Integer(settings.DrainDelayMs)),
            (BoosterVariables.WasmtimeTuneDefaults, memory.TuneDefaults ? "true" : "false"),
            (BoosterVariables.WasmtimeMemoryGuardSize, Size(memory.GuardSize)),
            (BoosterVariables.WasmtimeMemoryReservation, Size(memory.Reservation)),
            (BoosterVariables.WasmtimeMemoryReservationForGrowth, Size(memory.ReservationForGrowth)),
            (BoosterVariables.Path, settings.ModulePath),
            (BoosterVariables.DefaultModule, settings.DefaultModule),
            (BoosterVariables.MaxOutputBytes, Size((ulong)settings.MaxOutputBytes)),
            (BoosterVariables.TimeoutMs, Integer(settings.TimeoutMs)),
            (BoosterVariables.MaxMemoryBytes, Size((ulong)settings.MaxMemoryBytes)),
            (BoosterVariables.MaxTableElements, Integer(settings.MaxTableElements)),
            (BoosterVariables.MaxRequestBytes, Size((ulong)settings.MaxRequestBytes)),
            (BoosterVariables.Listen, settings.Listen),
            (BoosterVariables.CachePath, settings.CachePath),
            (BoosterVariables.CacheMaxBytes, Size((ulong)settings.CacheMaxBytes)),
            (BoosterVariables.ModulesConfig, settings.ModulesConfig),
            (BoosterVariables.Compiler, settings.Compiler is { } compiler ? CompilerModes.Name(compiler) : null),
        };
        return all.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Name, v.Value!)).ToList();
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Size(ulong? bytes) => bytes is { } b ? b.ToString(CultureInfo.InvariantCulture) : null;
}
