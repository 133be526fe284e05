using System.Runtime.InteropServices;

namespace Booster.Contract;

/// <summary>
/// BOOSTER_COMPILER: which of Wasmtime's compilers make the code modules run on.
/// </summary>
public enum CompilerMode
{
    /// <summary>Baseline code (Winch) at once, replaced by optimized code (Cranelift) compiled in the background.</summary>
    Tiered,

    /// <summary>Optimized code (Cranelift) only: every module waits for it.</summary>
    Optimized,

    /// <summary>Baseline code (Winch) only; a module Winch cannot compile gets optimized code.</summary>
    Baseline,
}

/// <summary>Names, parsing and the per-CPU default of <see cref="CompilerMode"/>. Pure.</summary>
public static class CompilerModes
{
    public const string AcceptedForm = "tiered, optimized or baseline";

    public static string Name(CompilerMode mode) => mode switch
    {
        CompilerMode.Tiered => "tiered",
        CompilerMode.Optimized => "optimized",
        _ => "baseline",
    };

    /// <summary>The mode a (trimmed) value names, lower case only as documented; null when it names none.</summary>
    public static CompilerMode? Parse(string text) => text switch
    {
        "tiered" => CompilerMode.Tiered,
        "optimized" => CompilerMode.Optimized,
        "baseline" => CompilerMode.Baseline,
        _ => null,
    };

    /// <summary>
    /// Whether Wasmtime's baseline compiler serves this processor architecture. Winch is complete
    /// for core WebAssembly on x86_64 only; elsewhere the default is optimized code.
    /// </summary>
    public static bool BaselineServes(Architecture architecture) => architecture == Architecture.X64;

    /// <summary>The mode that runs: the one configured, else tiered where Winch serves the CPU and optimized elsewhere.</summary>
    public static CompilerMode Effective(CompilerMode? configured, Architecture architecture) =>
        configured ?? (BaselineServes(architecture) ? CompilerMode.Tiered : CompilerMode.Optimized);
}
