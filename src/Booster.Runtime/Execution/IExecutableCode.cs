using Booster.Runtime.Execution.Components;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Compiled code as <see cref="WasiExecutor"/> runs it: a core module or a component, the
/// compiler tier that made it and the name its guests see as argv[0]. Where the code came from
/// (its file, its cache entry) is the caller's concern.
/// </summary>
internal interface IExecutableCode
{
    string Name { get; }

    /// <summary>The code of a core module; null for a component.</summary>
    Module? Module { get; }

    /// <summary>The code of a component; null for a core module.</summary>
    ComponentCode? Component { get; }

    /// <summary>Which compiler made the code: it runs only on that tier's engine.</summary>
    CodeTier Tier { get; }
}
