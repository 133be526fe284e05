using System.Buffers.Binary;
using System.Text;

namespace Booster.Deployment.Tests.Support;

/// <summary>The shared libraries an ELF64 little-endian file needs (its DT_NEEDED entries), read without binutils.</summary>
internal static class ElfFile
{
    public static IReadOnlyList<string> NeededLibraries(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F' || bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        var sectionsAt = (long)U64(bytes, 0x28);
        var sectionSize = U16(bytes, 0x3A);
        var sectionCount = U16(bytes, 0x3C);

        var needed = new List<string>();
        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionsAt + i * sectionSize;
            if (U32(bytes, header + 4) != 6) continue; // SHT_DYNAMIC
            var offset = (long)U64(bytes, header + 0x18);
            var size = (long)U64(bytes, header + 0x20);
            var strings = sectionsAt + U32(bytes, header + 0x28) * sectionSize;
            var stringsAt = (long)U64(bytes, strings + 0x18);
            for (var entry = offset; entry < offset + size; entry += 16)
            {
                if (U64(bytes, entry) != 1) continue; // DT_NEEDED
                var start = stringsAt + (long)U64(bytes, entry + 8);
                var end = Array.IndexOf(bytes, (byte)0, (int)start);
                needed.Add(Encoding.ASCII.GetString(bytes, (int)start, end - (int)start));
            }
        }
        return needed;
    }

    private static ushort U16(byte[] b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)at));

    private static uint U32(byte[] b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)at));

    private static ulong U64(byte[] b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)at));
}
