using Booster.Runtime.Execution;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// A compiled module and where it came from. Immutable: a reload makes a new one, and
/// executions that hold the old one finish on it.
/// </summary>
internal sealed record LoadedModule(
    string Name,
    Module Module,
    string FilePath,
    long SizeBytes,
    string Sha256,
    DateTimeOffset FileModifiedAt,
    DateTimeOffset LoadedAt,
    TimeSpan CompileTime,
    CodeOrigin Origin)
{
    /// <summary>Which compiler made <see cref="Module"/>: its executions run on that tier's engine (<see cref="WasmEngine.For"/>).</summary>
    public CodeTier Tier { get; init; } = CodeTier.Optimized;

    /// <summary>When optimized code replaced the baseline code this module was first served with; null otherwise.</summary>
    public DateTimeOffset? OptimizedAt { get; init; }
}
