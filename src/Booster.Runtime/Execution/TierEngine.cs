using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// One compiler's Wasmtime engine, with its WASI linker and prepared instantiation. Code
/// compiled by an engine runs only in Stores of that engine, through its linker: a module's
/// executions take all three from the tier that compiled it (<see cref="WasmEngine.For"/>).
/// </summary>
internal sealed class TierEngine(CodeTier tier, Engine engine, Linker linker) : IDisposable
{
    public CodeTier Tier { get; } = tier;
    public Engine Engine { get; } = engine;
    public Linker Linker { get; } = linker;

    /// <summary>Instantiation with the imports resolved once per module.</summary>
    public PreparedModules Prepared { get; } = new(linker);

    public void Dispose()
    {
        Linker.Dispose();
        Engine.Dispose();
    }
}
