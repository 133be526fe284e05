namespace Booster.Bench;

/// <summary>
/// Distinct copies of a real compiled program for the start-up benchmark: each copy is the
/// program's bytes plus a small custom section naming the copy, so every copy has its own sha256
/// (nothing is shared or read from another copy's cache entry) while the code to compile stays
/// the program's own, not filler. Made once per program and count into a folder later runs reuse.
/// </summary>
internal static class StartupModules
{
    public const string CopySection = "booster-bench-copy";

    public static string Ensure(string root, string program, int count)
    {
        var folder = Path.Combine(root, $"{Path.GetFileNameWithoutExtension(program)}-{count}");
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done) && File.GetLastWriteTimeUtc(done) >= File.GetLastWriteTimeUtc(program)) return folder;
        Directory.CreateDirectory(folder);
        var bytes = File.ReadAllBytes(program);
        for (var i = 0; i < count; i++) File.WriteAllBytes(Path.Combine(folder, $"m{i:D4}.wasm"), Copy(bytes, i));
        File.WriteAllText(done, "");
        return folder;
    }

    /// <summary>The module with a custom section (id 0) holding the copy's number appended.</summary>
    public static byte[] Copy(byte[] module, int index)
    {
        byte[] name = [.. Leb((uint)CopySection.Length), .. System.Text.Encoding.ASCII.GetBytes(CopySection)];
        var payload = BitConverter.GetBytes((long)index);
        return [.. module, 0x00, .. Leb((uint)(name.Length + payload.Length)), .. name, .. payload];
    }

    private static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }
}
