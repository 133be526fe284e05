namespace Booster.Deployment.Tests.Support;

internal static class Filesystem
{
    /// <summary>Folders every user may enter, as in an image: the runtime runs as UID 65532.</summary>
    public const UnixFileMode OpenFolder =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static string CreateTempFolder(string prefix) =>
        CreateFolder(Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"));

    public static string CreateFolder(string path)
    {
        var missing = new Stack<string>();
        for (var dir = path; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!) missing.Push(dir);
        while (missing.TryPop(out var dir))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, OpenFolder);
        }
        return path;
    }

    /// <summary>
    /// Docker's COPY: a file lands at the destination (into it when it names a folder, ending
    /// in '/'); a folder's content is copied into the destination folder. Skips what
    /// <paramref name="skip"/> says (paths relative to the source folder).
    /// </summary>
    public static void CopyInto(string source, string destination, Func<string, bool>? skip = null)
    {
        if (File.Exists(source))
        {
            var target = destination.EndsWith('/') || Directory.Exists(destination)
                ? Path.Combine(destination, Path.GetFileName(source))
                : destination;
            CreateFolder(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }
        CreateFolder(destination);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var relative = Path.GetRelativePath(source, entry);
            if (skip?.Invoke(relative) == true) continue;
            if (Directory.Exists(entry))
                CopyInto(entry, Path.Combine(destination, relative) + "/", inner => skip?.Invoke(Path.Combine(relative, inner)) == true);
            else
                CopyInto(entry, Path.Combine(destination, relative));
        }
    }
}
