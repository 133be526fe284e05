using System.Text.RegularExpressions;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// Decides from a component's import and export names whether Booster can run it: it must be a
/// WASI 0.2 command (export <c>wasi:cli/run@0.2.x</c>) and import only what Booster offers —
/// the WASI 0.2 CLI world: <c>wasi:cli</c>, <c>wasi:clocks</c>, <c>wasi:filesystem</c>
/// (read-only folders when the module's settings grant them), <c>wasi:io</c>, <c>wasi:random</c>.
/// Network (<c>wasi:sockets</c>) and <c>wasi:http</c> are refused: Booster gives guests no
/// network, and the C API cannot build the incoming request an HTTP handler needs. Pure.
/// </summary>
internal static partial class ComponentWorld
{
    /// <summary>The interfaces offered to components, by package (any 0.2 version).</summary>
    public static readonly IReadOnlyList<string> OfferedPackages = ["wasi:cli", "wasi:clocks", "wasi:filesystem", "wasi:io", "wasi:random"];

    /// <summary>The function a command exports inside <c>wasi:cli/run</c>.</summary>
    public const string RunFunction = "run";

    /// <returns>Null when the component can run here; otherwise the reason, in plain words.</returns>
    public static string? Check(IReadOnlyList<string> imports, IReadOnlyList<string> exports)
    {
        if (RunExport(exports) is null)
        {
            if (exports.Any(e => e.StartsWith("wasi:http/incoming-handler@", StringComparison.Ordinal)))
                return "it is a wasi:http handler (exports wasi:http/incoming-handler, not wasi:cli/run@0.2.x): serving wasi:http is not offered, " +
                    "because Wasmtime's C API cannot build the incoming request a handler needs";
            var run = exports.FirstOrDefault(e => e.StartsWith("wasi:cli/run@", StringComparison.Ordinal));
            return run is not null
                ? $"it exports {run}; only WASI 0.2 commands (wasi:cli/run@0.2.x) can be run"
                : "it does not export wasi:cli/run@0.2.x: only WASI 0.2 command components can be run (a reactor or library component has nothing to run)" +
                  (exports.Count > 0 ? $"; it exports {string.Join(", ", exports.Take(5))}" : "");
        }
        foreach (var import in imports)
        {
            if (ImportProblem(import) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>The exact <c>wasi:cli/run@0.2.x</c> export name, or null.</summary>
    public static string? RunExport(IReadOnlyList<string> exports) => exports.FirstOrDefault(e => RunName().IsMatch(e));

    private static string? ImportProblem(string import)
    {
        var match = InterfaceName().Match(import);
        if (!match.Success) return $"it imports {import}, which Booster does not offer (only WASI 0.2 interfaces: {string.Join(", ", OfferedPackages)})";
        var package = match.Groups["package"].Value;
        if (package == "wasi:sockets") return $"it imports {import}: Booster gives guests no network (wasi:sockets is not offered)";
        if (package == "wasi:http") return $"it imports {import}: wasi:http is not offered";
        if (!OfferedPackages.Contains(package)) return $"it imports {import}, which Booster does not offer (only {string.Join(", ", OfferedPackages)})";
        if (!match.Groups["version"].Value.StartsWith("0.2.", StringComparison.Ordinal))
            return $"it imports {import}; Booster offers WASI 0.2 (versions 0.2.x) only";
        return null;
    }

    [GeneratedRegex(@"^wasi:cli/run@0\.2\.\d+$")]
    private static partial Regex RunName();

    [GeneratedRegex(@"^(?<package>[a-z][a-z0-9-]*:[a-z][a-z0-9-]*)/[a-z][a-z0-9-]*(@(?<version>[0-9A-Za-z.+-]+))?$")]
    private static partial Regex InterfaceName();
}
