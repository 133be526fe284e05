using System.Buffers.Binary;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>One guest buffer: a u32 address and a u32 length in linear memory.</summary>
internal readonly record struct GuestBuffer(uint Address, uint Length)
{
    public ulong End => (ulong)Address + Length;
}

/// <summary>
/// The decision part of fd_read / fd_write, apart from Wasmtime: which iovecs are valid and
/// what moves. Everything is checked before anything moves, so an EFAULT
/// or EINVAL leaves stdin unread and the output untouched.
/// </summary>
internal static class GuestBuffers
{
    /// <summary>Checks the iovec array itself and the result address against the memory size.</summary>
    public static Errno CheckArray(ulong memoryLength, uint iovecs, uint count, uint resultAddress)
    {
        if (count > WasiAbi.MaxIovecs) return Errno.Invalid;
        return WasiAbi.Fits(memoryLength, iovecs, count, WasiAbi.IovecSize) && WasiAbi.Fits(memoryLength, resultAddress, 1, sizeof(uint))
            ? Errno.Success : Errno.Fault;
    }

    /// <summary>Decodes the iovec array (little-endian address, length pairs).</summary>
    public static GuestBuffer[] Decode(ReadOnlySpan<byte> array)
    {
        var buffers = new GuestBuffer[array.Length / WasiAbi.IovecSize];
        for (var i = 0; i < buffers.Length; i++)
        {
            var entry = array.Slice(i * WasiAbi.IovecSize, WasiAbi.IovecSize);
            buffers[i] = new GuestBuffer(BinaryPrimitives.ReadUInt32LittleEndian(entry), BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]));
        }
        return buffers;
    }

    /// <summary>EFAULT when any buffer reaches past the memory; lengths of 2 GiB and more are valid.</summary>
    public static Errno CheckBuffers(ReadOnlySpan<GuestBuffer> buffers, ulong memoryLength)
    {
        foreach (var buffer in buffers)
            if (buffer.End > memoryLength) return Errno.Fault;
        return Errno.Success;
    }

    /// <summary>
    /// Which buffer moves and how many bytes: the first non-empty one, up to
    /// <paramref name="available"/> bytes, as Wasmtime's own WASI does (a partial transfer, which
    /// POSIX allows and every libc loops over). Null when all buffers are empty or nothing is available.
    /// </summary>
    public static (GuestBuffer Buffer, uint Count)? Choose(ReadOnlySpan<GuestBuffer> buffers, ulong available)
    {
        foreach (var buffer in buffers)
        {
            if (buffer.Length == 0) continue;
            var count = (uint)Math.Min(buffer.Length, available);
            return count == 0 ? null : (buffer, count);
        }
        return null;
    }
}
