using Wasmtime;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Runs a WASI command under Wasmtime's own WASI (a plain engine and linker with DefineWasi,
/// stdin and stdout in files): the reference Booster's host functions are compared with.
/// </summary>
internal static class WasmtimeWasi
{
    /// <param name="argv">argv, program name first (default: "probe").</param>
    /// <param name="environment">The environment (default: none).</param>
    public static (string Stdout, int ExitCode) Run(string wat, string stdin = "", IReadOnlyList<string>? argv = null,
        IReadOnlyList<(string Key, string Value)>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("booster-wasmtime-wasi-");
        try
        {
            var input = Path.Combine(directory.FullName, "stdin");
            var output = Path.Combine(directory.FullName, "stdout");
            File.WriteAllText(input, stdin);
            using var engine = new Engine();
            using var linker = new Linker(engine);
            linker.DefineWasi();
            using var module = Module.FromText(engine, "probe", wat);
            int exitCode;
            using (var store = new Store(engine))
            {
                store.SetWasiConfiguration(new WasiConfiguration().WithArgs(argv ?? ["probe"]).WithEnvironmentVariables(environment ?? [])
                    .WithStandardInput(input).WithStandardOutput(output));
                try
                {
                    linker.Instantiate(store, module).GetAction("_start")!.Invoke();
                    exitCode = 0;
                }
                catch (WasmtimeException e) when (e.ExitCode is { } code)
                {
                    exitCode = code;
                }
            }
            return (File.ReadAllText(output), exitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
