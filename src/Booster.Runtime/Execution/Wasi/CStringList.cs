using System.Text;
using Booster.Runtime.Execution.Native;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// The layout WASI preview1 hands argv and environ over in: a count, an array of u32 pointers,
/// and a buffer of NUL-terminated UTF-8 strings the pointers point into. Pure: sizes and
/// bounds decided apart from guest memory.
/// </summary>
internal static class CStringList
{
    /// <summary>Bytes of the buffer: every string's UTF-8 bytes and its NUL.</summary>
    public static ulong BufferSize(IReadOnlyList<string> strings)
    {
        ulong size = 0;
        foreach (var text in strings) size += (ulong)Encoding.UTF8.GetByteCount(text) + 1;
        return size;
    }

    /// <summary>Whether the pointer array and the buffer both lie in memory (EFAULT otherwise, before anything is written).</summary>
    public static bool Fits(ulong memoryLength, uint pointers, uint buffer, IReadOnlyList<string> strings) =>
        WasiAbi.Fits(memoryLength, pointers, (uint)strings.Count, sizeof(uint)) && buffer + BufferSize(strings) <= memoryLength;

    /// <summary>Writes the pointers at <paramref name="pointers"/> and the strings at <paramref name="buffer"/>; <see cref="Fits"/> first.</summary>
    public static void Write(GuestMemory memory, uint pointers, uint buffer, IReadOnlyList<string> strings)
    {
        var at = (ulong)buffer;
        for (var i = 0; i < strings.Count; i++)
        {
            memory.WriteUInt32(pointers + (ulong)i * sizeof(uint), (uint)at);
            var length = Encoding.UTF8.GetByteCount(strings[i]);
            Encoding.UTF8.GetBytes(strings[i], memory.Span(at, length));
            memory.Span(at + (ulong)length, 1)[0] = 0;
            at += (ulong)length + 1;
        }
    }
}
