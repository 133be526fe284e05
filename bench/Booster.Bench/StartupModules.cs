using System.Text;

namespace Booster.Bench;

/// <summary>
/// Distinct WASI command modules of a chosen size for the start-up benchmark, written as
/// binary WebAssembly directly (no toolchain): a _start that prints "module N", some hundreds
/// of small arithmetic functions (compile work, different constants in each module) and a
/// data segment of pseudo-random bytes that brings the file to the size asked for. Generated
/// once per count and size into a folder that later runs reuse.
/// </summary>
internal static class StartupModules
{
    /// <summary>Code per module: functions × operations per function (about 8 bytes each).</summary>
    public const int Functions = 200, OperationsPerFunction = 40;

    /// <summary>i32.add, i32.mul, i32.xor, i32.rotl: each takes the running value and a constant.</summary>
    private static readonly byte[] Operators = [0x6a, 0x6c, 0x73, 0x77];

    public static string Ensure(string root, int count, int sizeBytes)
    {
        var folder = Path.Combine(root, $"{count}x{sizeBytes}");
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done)) return folder;
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++) File.WriteAllBytes(Path.Combine(folder, $"m{i:D4}.wasm"), Build(i, sizeBytes));
        File.WriteAllText(done, "");
        return folder;
    }

    public static byte[] Build(int index, int sizeBytes)
    {
        var random = new Random(index);
        var message = Encoding.ASCII.GetBytes($"module {index}\n");
        var module = new List<byte>();
        module.AddRange([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

        // Types: 0 = (i32 i32 i32 i32) -> i32 (fd_write), 1 = () -> (), 2 = (i32) -> i32.
        Section(module, 1, Vector(3, [0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f]));
        Section(module, 2, Vector(1, [.. Name("wasi_snapshot_preview1"), .. Name("fd_write"), 0x00, 0]));
        var functions = new List<byte>();
        functions.Add(1);
        for (var f = 0; f < Functions; f++) functions.Add(2);
        Section(module, 3, Vector(Functions + 1, functions));
        var pages = (uint)((sizeBytes + 65536 + 65535) / 65536 + 1);
        Section(module, 5, Vector(1, [0x00, .. Leb(pages)]));
        Section(module, 7, Vector(2, [.. Name("_start"), 0x00, 1, .. Name("memory"), 0x02, 0]));

        var bodies = new List<byte>();
        bodies.AddRange(Body([
            // iovec at 16: {1024, len}; fd_write(1, 16, 1, 24); then call the first function.
            0x41, .. Sleb(16), 0x41, .. Sleb(1024), 0x36, 2, 0,
            0x41, .. Sleb(20), 0x41, .. Sleb(message.Length), 0x36, 2, 0,
            0x41, 1, 0x41, .. Sleb(16), 0x41, 1, 0x41, .. Sleb(24), 0x10, 0, 0x1a,
            0x41, .. Sleb(index), 0x10, 2, 0x1a, 0x0b,
        ]));
        for (var f = 0; f < Functions; f++)
        {
            var code = new List<byte> { 0x20, 0 };
            for (var op = 0; op < OperationsPerFunction; op++)
            {
                code.Add(0x41);
                code.AddRange(Sleb(random.Next()));
                code.Add(Operators[op % Operators.Length]);
            }
            code.Add(0x0b);
            bodies.AddRange(Body(code));
        }
        Section(module, 10, Vector(Functions + 1, bodies));

        var room = Math.Max(0, sizeBytes - module.Count - message.Length - 64);
        var filler = new byte[room];
        random.NextBytes(filler);
        Section(module, 11, Vector(2, [
            0x00, 0x41, .. Sleb(1024), 0x0b, .. Leb((uint)message.Length), .. message,
            0x00, 0x41, .. Sleb(65536), 0x0b, .. Leb((uint)filler.Length), .. filler,
        ]));
        return [.. module];
    }

    private static byte[] Body(IReadOnlyCollection<byte> code) => [.. Leb((uint)code.Count + 1), 0, .. code];

    private static byte[] Vector(int count, IEnumerable<byte> items) => [.. Leb((uint)count), .. items];

    private static void Section(List<byte> module, byte id, byte[] content)
    {
        module.Add(id);
        module.AddRange(Leb((uint)content.Length));
        module.AddRange(content);
    }

    private static byte[] Name(string name) => [.. Leb((uint)name.Length), .. Encoding.UTF8.GetBytes(name)];

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

    private static byte[] Sleb(int value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return [.. bytes];
        }
    }
}
