namespace Booster.Runtime.Modules;

/// <summary>
/// BOOSTER_PATH resolved: a directory of modules, or a single module file (then only that
/// file in its directory counts).
/// </summary>
internal sealed record ModulePath(string Directory, string? SingleFile)
{
    public static ModulePath Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || HasModuleExtension(full))
            return new ModulePath(Path.GetDirectoryName(full)!, full);
        return new ModulePath(full, null);
    }

    /// <summary>Module files present now; hidden files (ConfigMap's ..data entries) are not modules.</summary>
    public IReadOnlyList<string> ListModuleFiles()
    {
        if (SingleFile is not null) return File.Exists(SingleFile) ? [SingleFile] : [];
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => HasModuleExtension(f) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool HasModuleExtension(string path) =>
        ModuleCompiler.Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
