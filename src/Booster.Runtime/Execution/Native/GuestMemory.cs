using System.Buffers.Binary;
using Wasmtime;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The calling guest's exported linear memory as raw bytes, for every host function (WASI and
/// data imports alike), for the duration of one host call: the guest is suspended meanwhile, so
/// nothing can grow or move the memory until the call returns. Callers check bounds first; spans
/// here take lengths beyond 2 GiB in pieces.
/// </summary>
internal readonly unsafe struct GuestMemory
{
    /// <summary>The export host functions read and write, as WASI preview1 and the data imports name it (UTF-8).</summary>
    public static ReadOnlySpan<byte> ExportName => "memory"u8;

    private readonly byte* _base;

    public ulong Length { get; }

    private GuestMemory(byte* @base, ulong length)
    {
        _base = @base;
        Length = length;
    }

    /// <summary>
    /// The caller's memory, or false when it exports none. Read through the C API: the .NET
    /// API's <c>Caller.GetMemory</c> looks the export up by a marshalled name and caches a
    /// wrapper object in the Store on every call.
    /// </summary>
    public static bool TryOpen(Caller caller, out GuestMemory memory)
    {
        var handle = WasmtimeHandles.Caller(ref caller);
        WasmtimeNative.Extern item;
        bool found;
        fixed (byte* name = ExportName) found = WasmtimeNative.wasmtime_caller_export_get(handle, name, (nuint)ExportName.Length, &item);
        if (!found || item.Kind != WasmtimeNative.ExternMemory)
        {
            memory = default;
            return false;
        }
        var context = WasmtimeNative.wasmtime_caller_context(handle);
        memory = new GuestMemory(WasmtimeNative.wasmtime_memory_data(context, &item.Of), WasmtimeNative.wasmtime_memory_data_size(context, &item.Of));
        return true;
    }

    /// <summary>The caller's memory, or null when it exports none.</summary>
    public static GuestMemory? Open(Caller caller) => TryOpen(caller, out var memory) ? memory : null;

    public bool Contains(ulong address, ulong length) => address + length <= Length;

    /// <summary>At most 2 GiB - 1 bytes at <paramref name="address"/>; larger buffers are taken in pieces.</summary>
    public Span<byte> Span(ulong address, int length) => new(_base + address, length);

    public void WriteUInt32(ulong address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span(address, 4), value);

    public void WriteUInt64(ulong address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span(address, 8), value);

    /// <summary>Calls <paramref name="piece"/> on consecutive spans covering <paramref name="length"/> bytes at <paramref name="address"/>; stops early when it returns false.</summary>
    public void ForEachPiece(ulong address, uint length, Func<Span<byte>, bool> piece)
    {
        for (ulong done = 0; done < length;)
        {
            var size = (int)Math.Min(length - done, int.MaxValue);
            if (!piece(Span(address + done, size))) return;
            done += (ulong)size;
        }
    }
}
