using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// One compiler's Wasmtime engine, with its WASI linker and prepared instantiation. Code
/// compiled by an engine runs only in Stores of that engine, through its linker: a module's
/// executions take all three from the tier that compiled it (<see cref="WasmEngine.For"/>).
/// </summary>
/// <param name="filesLinker">As <paramref name="linker"/>, for modules with read-only folders: <c>fd_read</c> is Wasmtime's own.</param>
internal sealed class TierEngine(CodeTier tier, Engine engine, Linker linker, Linker filesLinker) : IDisposable
{
    public CodeTier Tier { get; } = tier;
    public Engine Engine { get; } = engine;
    public Linker Linker { get; } = linker;

    /// <summary>Instantiation with the imports resolved once per module.</summary>
    public PreparedModules Prepared { get; } = new(linker);

    /// <summary>As <see cref="Prepared"/>, for modules with read-only folders (per-module <c>files</c>).</summary>
    public PreparedModules FilesPrepared { get; } = new(filesLinker);

    /// <summary>The WASI 0.2 linker for components compiled on this engine.</summary>
    public Components.ComponentLinker ComponentLinker { get; } = new(engine);

    public void Dispose()
    {
        ComponentLinker.Dispose();
        Linker.Dispose();
        filesLinker.Dispose();
        Engine.Dispose();
    }
}
