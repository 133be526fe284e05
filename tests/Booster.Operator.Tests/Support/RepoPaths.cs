namespace Booster.Operator.Tests.Support;

/// <summary>Files of the repository, found from the test binary's folder upwards.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crd => Path.Combine(Root, "config", "crds", "booster.dev_boosterruntimes.yaml");

    public static string SamplesDir => Path.Combine(Root, "config", "samples");

    public static IReadOnlyList<string> Samples => Directory.GetFiles(SamplesDir, "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static string Sample(string name) => Path.Combine(SamplesDir, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Booster.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Booster.sln above {AppContext.BaseDirectory}");
    }
}
