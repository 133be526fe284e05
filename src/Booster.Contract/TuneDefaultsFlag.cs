namespace Booster.Contract;

/// <summary>
/// <c>BOOSTER_WASMTIME_TUNE_DEFAULTS</c> exactly as the original booster's tuning notes
/// define it: unset means on, and only <c>0</c>, <c>false</c>, <c>FALSE</c>, <c>no</c>,
/// <c>NO</c> turn it off. Every other value leaves the tuning on.
/// </summary>
public static class TuneDefaultsFlag
{
    public static IReadOnlyList<string> FalseValues { get; } = ["0", "false", "FALSE", "no", "NO"];

    /// <summary>Values that clearly mean "on"; anything else is also on, but worth a warning.</summary>
    public static IReadOnlyList<string> TrueValues { get; } = ["", "1", "true", "TRUE", "yes", "YES"];

    public static bool IsOn(string? value) => value is null || !FalseValues.Contains(value, StringComparer.Ordinal);

    /// <summary>True when the value is neither a recognised on nor off spelling (e.g. "False").</summary>
    public static bool IsUnusual(string? value) =>
        value is not null && !FalseValues.Contains(value, StringComparer.Ordinal) && !TrueValues.Contains(value, StringComparer.Ordinal);
}
