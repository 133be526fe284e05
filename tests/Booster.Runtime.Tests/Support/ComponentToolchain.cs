using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Builds WASI 0.2 components for the tests with the tools scripts/install-test-tools.sh installs
/// into .tools/component-tools: C commands compiled by the wasm32-wasi clang (<see cref="WasiToolchain"/>)
/// and adapted by <c>jco new --wasi-command</c>, components written in the text format
/// (<c>jco parse</c>), and JavaScript built by <c>componentize-js</c>. Each build is kept in a
/// folder under the temporary directory, keyed by the sha256 of everything it was built from,
/// so a second test (or run) reuses it. Skips, saying so, when the tools are missing (fails
/// instead when BOOSTER_REQUIRE_TEST_TOOLS=1, as in CI).
/// </summary>
internal static class ComponentToolchain
{
    private static readonly string Tools = Path.Combine(RepositoryPaths.Root, ".tools", "component-tools", "node_modules", ".bin");
    private static readonly string Built = Path.Combine(Path.GetTempPath(), "booster-test-components");

    /// <summary>Why components cannot be built here, or null when they can.</summary>
    public static string? Problem => File.Exists(Path.Combine(Tools, "jco")) && File.Exists(Path.Combine(Tools, "componentize-js"))
        ? null
        : $"jco and componentize-js are not installed in {Tools}; scripts/install-test-tools.sh installs them";

    /// <summary>A C source of Guests/Components, named as <see cref="WasiToolchain.Compile"/> takes it.</summary>
    public static string CSource(string file) => Path.Combine("..", "Guests", "Components", file);

    /// <summary>
    /// A C guest (named as <see cref="WasiToolchain.Compile"/> takes it: Modules/hello.c is "hello.c",
    /// a guest of Guests/Components is <see cref="CSource"/>) as a WASI 0.2 command component: its core
    /// module adapted by jco.
    /// </summary>
    public static byte[] CommandFromC(string sourceFile)
    {
        var core = WasiToolchain.Compile(sourceFile);
        return Cached(core, "c", input =>
        {
            var module = input + ".core.wasm";
            File.WriteAllBytes(module, core);
            return Jco(["new", module, "--wasi-command", "-o", input + ".wasm"], input + ".wasm");
        });
    }

    /// <summary>A component written in the text format (Guests/Components/*.wat), made binary by jco.</summary>
    public static byte[] FromText(string sourceFile)
    {
        var source = File.ReadAllBytes(GuestPath(sourceFile));
        return Cached(source, "wat", input => Jco(["parse", GuestPath(sourceFile), "-o", input + ".wasm"], input + ".wasm"));
    }

    /// <summary>
    /// A JavaScript guest built by componentize-js against a WIT world of Guests/Components, by the
    /// build script the benchmarks use too (scripts/component-tools/componentize.mjs).
    /// </summary>
    public static byte[] FromJavaScript(string sourceFile, string witFolder, string world)
    {
        var script = RepositoryPaths.File("scripts", "component-tools", "componentize.mjs");
        var inputs = Encoding.UTF8.GetBytes(world).Concat(File.ReadAllBytes(script)).Concat(File.ReadAllBytes(GuestPath(sourceFile)))
            .Concat(Directory.EnumerateFiles(GuestPath(witFolder), "*.wit").Order().SelectMany(File.ReadAllBytes)).ToArray();
        return Cached(inputs, "js", prefix => Run("node",
            [script, GuestPath(sourceFile), GuestPath(witFolder), prefix + ".wasm", world],
            prefix + ".wasm"));
    }

    private static string GuestPath(string file) => Path.Combine(AppContext.BaseDirectory, "Guests", "Components", file);

    private static byte[] Jco(string[] args, string output) => Run(Path.Combine(Tools, "jco"), args, output);

    /// <summary>The build of <paramref name="inputs"/>, made by <paramref name="build"/> (given a path prefix) once.</summary>
    private static byte[] Cached(byte[] inputs, string kind, Func<string, byte[]> build)
    {
        if (Problem is not null && Environment.GetEnvironmentVariable("BOOSTER_REQUIRE_TEST_TOOLS") == "1")
            throw new InvalidOperationException(Problem);
        Skip.If(Problem is not null, Problem);
        Directory.CreateDirectory(Built);
        var key = Convert.ToHexStringLower(SHA256.HashData(inputs))[..24];
        var cached = Path.Combine(Built, $"{kind}-{key}.component.wasm");
        if (File.Exists(cached)) return File.ReadAllBytes(cached);
        var prefix = Path.Combine(Built, $"{kind}-{key}-{Guid.NewGuid():N}");
        try
        {
            var bytes = build(prefix);
            // Renamed into place: a test running at the same time never reads half a file.
            File.WriteAllBytes(prefix + ".done", bytes);
            File.Move(prefix + ".done", cached, overwrite: true);
            return bytes;
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(Built, Path.GetFileName(prefix) + "*")) File.Delete(file);
        }
    }

    private static byte[] Run(string program, string[] args, string output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output))
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}):\n{log}\n{errors.Result}");
        return File.ReadAllBytes(output);
    }
}
