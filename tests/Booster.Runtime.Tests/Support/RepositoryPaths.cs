namespace Booster.Runtime.Tests.Support;

/// <summary>Where the repository and the shared folder beside it are, found from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The public WASI conformance cases, beside the checkout (may be absent).</summary>
    public static string Conformance => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "wasi-testsuite"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Booster.sln"))) return dir.FullName;
        throw new InvalidOperationException("Booster.sln not found above " + AppContext.BaseDirectory);
    }
}
