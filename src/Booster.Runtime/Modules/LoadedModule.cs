using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Components;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// A compiled module — a core module (<see cref="Module"/>) or a WASI 0.2 component
/// (<see cref="Component"/>) — and where it came from. Immutable: a reload makes a new one, and
/// executions that hold the old one finish on it.
/// </summary>
internal sealed record LoadedModule(
    string Name,
    Module? Module,
    string FilePath,
    long SizeBytes,
    string Sha256,
    DateTimeOffset FileModifiedAt,
    DateTimeOffset LoadedAt,
    TimeSpan CompileTime,
    CodeOrigin Origin) : IExecutableCode
{
    /// <summary>Which compiler made <see cref="Module"/>: its executions run on that tier's engine (<see cref="WasmEngine.For"/>).</summary>
    public CodeTier Tier { get; init; } = CodeTier.Optimized;

    /// <summary>The compiled component when the file is one; then <see cref="Module"/> is null.</summary>
    public ComponentCode? Component { get; init; }

    /// <summary>The code of either kind: what identifies the code a module serves (identical modules share it).</summary>
    public IDisposable Code => (IDisposable?)Module ?? Component ?? throw new InvalidOperationException("a loaded module has code");

    /// <summary>What <c>GET /modules</c> calls it: <c>module</c> or <c>component</c>.</summary>
    public string Kind => Component is null ? "module" : "component";

    /// <summary>When optimized code replaced the baseline code this module was first served with; null otherwise.</summary>
    public DateTimeOffset? OptimizedAt { get; init; }
}
