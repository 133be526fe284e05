using Booster.Runtime.Execution;

namespace Booster.Runtime.Modules;

/// <summary>Validated code for some module bytes, or why they cannot be served.</summary>
/// <param name="Module">The code of a core module; null when rejected or a component.</param>
/// <param name="Rejection">Why the bytes cannot be served; null when <paramref name="Module"/> is set.</param>
/// <param name="Origin">Compiled now, or read from the cache.</param>
/// <param name="CompileTime">Time to compile (or to read from the cache).</param>
internal sealed record ModuleCode(Wasmtime.Module? Module, string? Rejection, CodeOrigin Origin, TimeSpan CompileTime)
{
    /// <summary>Which compiler made <see cref="Module"/>.</summary>
    public CodeTier Tier { get; init; } = CodeTier.Optimized;

    /// <summary>The code of a component; null when rejected or a core module.</summary>
    public Execution.Components.ComponentCode? Component { get; init; }

    /// <summary>True when there is code to serve, of either kind.</summary>
    public bool Served => Code is not null;

    /// <summary>The code of either kind (a <see cref="Wasmtime.Module"/> or a component's), or null when rejected.</summary>
    public IDisposable? Code => (IDisposable?)Module ?? Component;

    /// <summary>Validated code of either kind.</summary>
    public static ModuleCode Of(IDisposable code, CodeOrigin origin, TimeSpan compileTime, CodeTier tier) =>
        new(code as Wasmtime.Module, null, origin, compileTime) { Tier = tier, Component = code as Execution.Components.ComponentCode };

    public static ModuleCode Rejected(string reason, TimeSpan time) => new(null, reason, CodeOrigin.Compiled, time);
}
