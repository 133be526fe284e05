using System.Reflection;

namespace Booster.Deployment.Tests.Support;

/// <summary>
/// The real runtime, built alongside these tests (a ProjectReference that is built, not
/// referenced, so it stays in its own output folder), started to serve the shipped modules.
/// </summary>
internal static class RuntimeBinary
{
    private static string Dll
    {
        get
        {
            var configuration = typeof(RuntimeBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BuildConfiguration").Value!;
            return RepositoryPaths.File("src", "Booster.Runtime", "bin", configuration, "net10.0", "Booster.Runtime.dll");
        }
    }

    public static async Task<RuntimeProcess> StartAsync()
    {
        File.Exists(Dll).Should().BeTrue($"the runtime is built with the tests ({Dll})");
        var runtime = RuntimeProcess.Start(new Dictionary<string, string> { ["BOOSTER_PATH"] = RepositoryPaths.File("modules") }, dll: Dll);
        await runtime.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return runtime;
    }
}
