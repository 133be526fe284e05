namespace Booster.Runtime.Modules;

/// <summary>Size and modification time of a file: enough to tell that it has not changed.</summary>
internal readonly record struct FileStamp(long Size, DateTimeOffset ModifiedAt)
{

    public static FileStamp Of(string path)
    {
        // FileInfo follows symlinks, which is what ConfigMap volumes need (name -> ..data/name).
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException("gone", path);
        return new FileStamp(info.Length, info.LastWriteTimeUtc);
    }
}
