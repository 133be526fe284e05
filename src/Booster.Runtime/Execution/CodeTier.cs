namespace Booster.Runtime.Execution;

/// <summary>Which of Wasmtime's compilers made a module's machine code.</summary>
internal enum CodeTier
{
    /// <summary>Winch, the baseline compiler: compiles several times faster, runs slower.</summary>
    Baseline,

    /// <summary>Cranelift, the optimizing compiler.</summary>
    Optimized,
}
