namespace Booster.Deployment.Tests.Support;

/// <summary>Files of the repository, found from the test binary's folder upwards.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "charts", "booster");

    public static string ConfigCrd => Path.Combine(Root, "config", "crds", "booster.dev_boosterruntimes.yaml");

    public static string SamplesDir => Path.Combine(Root, "config", "samples");

    public static string Docs => Path.Combine(Root, "docs");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Booster.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Booster.sln above {AppContext.BaseDirectory}");
    }
}
