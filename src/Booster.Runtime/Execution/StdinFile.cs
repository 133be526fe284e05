namespace Booster.Runtime.Execution;

/// <summary>
/// Stdin for one execution. The .NET WASI API reads stdin only from a file, so the bytes go
/// to a private file on tmpfs (when there is one) that is deleted when the execution ends.
/// </summary>
internal sealed class StdinFile : IDisposable
{
    private static readonly string Directory = ChooseDirectory();

    public string Path { get; }

    private StdinFile(string path) => Path = path;

    public static StdinFile Create(byte[] content)
    {
        var path = System.IO.Path.Combine(Directory, $"booster-stdin-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options))
        {
            file.Write(content);
        }
        return new StdinFile(path);
    }

    public void Dispose()
    {
        try { File.Delete(Path); }
        catch (IOException) { /* already gone; nothing to clean */ }
    }

    private static string ChooseDirectory()
    {
        const string shm = "/dev/shm";
        try
        {
            if (System.IO.Directory.Exists(shm))
            {
                var probe = System.IO.Path.Combine(shm, $"booster-probe-{Environment.ProcessId}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
                return shm;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not writable (read-only root, restricted pod): fall back to the temp directory.
        }
        return System.IO.Path.GetTempPath();
    }
}
