using System.Buffers.Binary;
using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// The calling guest's exported linear memory as raw bytes, for the duration of one host call
/// (nothing the guest does can move it meanwhile). Callers check bounds first; spans here take
/// lengths beyond 2 GiB in pieces.
/// </summary>
internal readonly unsafe struct GuestMemory
{
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
        fixed (byte* name = WasiAbi.MemoryExport) found = WasmtimeNative.wasmtime_caller_export_get(handle, name, (nuint)WasiAbi.MemoryExport.Length, &item);
        if (!found || item.Kind != WasmtimeNative.ExternMemory)
        {
            memory = default;
            return false;
        }
        var context = WasmtimeNative.wasmtime_caller_context(handle);
        memory = new GuestMemory(WasmtimeNative.wasmtime_memory_data(context, &item.Of), WasmtimeNative.wasmtime_memory_data_size(context, &item.Of));
        return true;
    }

    public bool Contains(ulong address, ulong length) => address + length <= Length;

    /// <summary>At most 2 GiB - 1 bytes at <paramref name="address"/>; larger buffers are taken in pieces.</summary>
    public Span<byte> Span(ulong address, int length) => new(_base + address, length);

    public void WriteUInt32(ulong address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span(address, 4), value);

    public void WriteUInt64(ulong address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span(address, 8), value);

    /// <summary>Calls <paramref name="piece"/> on consecutive spans covering the buffer; stops early when it returns false.</summary>
    public void ForEachPiece(GuestBuffer buffer, uint length, Func<Span<byte>, bool> piece)
    {
        for (ulong done = 0; done < length;)
        {
            var size = (int)Math.Min(length - done, int.MaxValue);
            if (!piece(Span(buffer.Address + done, size))) return;
            done += (ulong)size;
        }
    }
}
