using System.Diagnostics;
using System.Reflection;
using Booster.Tests.Shared;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The real runtime, built alongside these tests (a ProjectReference that is built, not
/// referenced), started as a process on a free loopback port to serve the shipped modules.
/// </summary>
internal sealed class RuntimeBinary : IAsyncDisposable
{
    private readonly Process _process;

    public HttpClient Client { get; }

    private RuntimeBinary(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    private static string Dll
    {
        get
        {
            var configuration = typeof(RuntimeBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BuildConfiguration").Value!;
            return RepoPaths.File("src", "Booster.Runtime", "bin", configuration, "net10.0", "Booster.Runtime.dll");
        }
    }

    public static async Task<RuntimeBinary> StartAsync()
    {
        File.Exists(Dll).Should().BeTrue($"the runtime is built with the tests ({Dll})");
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo("dotnet", [Dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BOOSTER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["BOOSTER_PATH"] = RepoPaths.File("modules");
        start.Environment["BOOSTER_LISTEN"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var runtime = new RuntimeBinary(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
        await runtime.WaitUntilReadyAsync();
        return runtime;
    }

    private Task WaitUntilReadyAsync() => Loopback.WaitUntilReadyAsync(Client,
        () => _process.HasExited ? $"the runtime exited with {_process.ExitCode}" : null, TimeSpan.FromSeconds(60));


    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
