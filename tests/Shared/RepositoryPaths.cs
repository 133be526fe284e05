namespace Booster.Tests.Shared;

/// <summary>Files of the repository (and the shared folder beside it), found from the test binary's folder upwards.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "charts", "booster");

    public static string Crd => Path.Combine(Root, "config", "crds", "booster.dev_boosterruntimes.yaml");

    public static string SamplesDir => Path.Combine(Root, "config", "samples");

    public static IReadOnlyList<string> Samples => Directory.GetFiles(SamplesDir, "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static string Sample(string name) => Path.Combine(SamplesDir, name);

    public static string Docs => Path.Combine(Root, "docs");

    /// <summary>The public WASI conformance cases, beside the checkout (may be absent).</summary>
    public static string Conformance => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "wasi-testsuite"));

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
