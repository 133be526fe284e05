using System.Diagnostics;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Compiles C test modules to wasm32-wasi with the clang, lld and wasi-libc that the test
/// script installs. Tests that need it skip, saying so, when the toolchain is missing
/// (and fail instead when BOOSTER_REQUIRE_TEST_TOOLS=1, as in CI).
/// </summary>
internal static class WasiToolchain
{
    private static readonly Lazy<string?> Missing = new(FindProblem);

    /// <summary>Why C modules cannot be built here, or null when they can.</summary>
    public static string? Problem => Missing.Value;

    public static byte[] Compile(string sourceFile)
    {
        TestTools.SkipIfMissing(Problem);
        var source = Path.Combine(AppContext.BaseDirectory, "Guests", sourceFile);
        var output = Path.Combine(Path.GetTempPath(), $"booster-{Path.GetFileNameWithoutExtension(sourceFile)}-{Guid.NewGuid():N}.wasm");
        try
        {
            var (exit, log) = Run("clang", "--target=wasm32-wasi", "-O2", "-Wl,--strip-all", "-o", output, source);
            if (exit != 0) throw new InvalidOperationException($"clang failed on {sourceFile}:\n{log}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string? FindProblem()
    {
        try
        {
            var probe = Path.Combine(Path.GetTempPath(), $"booster-probe-{Guid.NewGuid():N}.c");
            File.WriteAllText(probe, "#include <stdio.h>\nint main(void){puts(\"ok\");return 0;}\n");
            var (exit, log) = Run("clang", "--target=wasm32-wasi", "-o", probe + ".wasm", probe);
            File.Delete(probe);
            File.Delete(probe + ".wasm");
            return exit == 0 ? null : $"clang cannot build wasm32-wasi here ({log.Trim()}); scripts/test.sh installs clang, lld, wasi-libc and libclang-rt-dev-wasm32";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "clang is not installed; scripts/test.sh installs the wasm32-wasi C toolchain";
        }
    }

    private static (int Exit, string Log) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var log = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, log.Result);
    }
}
