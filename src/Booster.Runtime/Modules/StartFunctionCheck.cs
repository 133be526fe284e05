using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// A WASI command is run by calling its <c>_start</c>, which must be a function of type
/// <c>() -> ()</c>. Anything else (no export, a global, a function with parameters or results)
/// could never run, so it is refused at load with what it is instead.
/// </summary>
internal static class StartFunctionCheck
{
    public const string ExportName = "_start";

    /// <returns>Null when <c>_start</c> is a <c>() -> ()</c> function; otherwise the reason.</returns>
    public static string? Check(Module module)
    {
        var start = module.Exports.FirstOrDefault(e => e.Name == ExportName);
        return start switch
        {
            null => "it does not export _start: only WASI command modules can be run",
            FunctionExport { Parameters.Count: 0, Results.Count: 0 } => null,
            FunctionExport function =>
                $"its _start is a function of type {Signature(function)}; _start must be a function of type () -> ()",
            _ => $"its _start export is a {KindOf(start)}, not a function; _start must be a function of type () -> ()",
        };
    }

    private static string Signature(FunctionExport function) =>
        $"({string.Join(", ", function.Parameters.Select(TypeName))}) -> ({string.Join(", ", function.Results.Select(TypeName))})";

    private static string KindOf(Export export) => export switch
    {
        GlobalExport => "global",
        MemoryExport => "memory",
        TableExport => "table",
        _ => "non-function export",
    };

    private static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
