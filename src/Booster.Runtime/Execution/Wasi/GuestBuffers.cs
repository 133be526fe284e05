using System.Buffers.Binary;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>One guest buffer: a u32 address and a u32 length in linear memory.</summary>
internal readonly record struct GuestBuffer(uint Address, uint Length)
{
    public ulong End => (ulong)Address + Length;
}

/// <summary>
/// The decision part of fd_read / fd_write, apart from Wasmtime: which iovecs are valid and how
/// many bytes of each to move. Everything is checked before anything moves, so an EFAULT
/// or EINVAL leaves stdin unread and the output untouched.
/// </summary>
internal static class GuestBuffers
{
    /// <summary>Checks the iovec array itself and the result address against the memory size.</summary>
    public static Errno CheckArray(ulong memoryLength, uint iovecs, uint count, uint resultAddress)
    {
        if (count > WasiAbi.MaxIovecs) return Errno.Invalid;
        if ((ulong)iovecs + (ulong)count * WasiAbi.IovecSize > memoryLength) return Errno.Fault;
        if ((ulong)resultAddress + 4 > memoryLength) return Errno.Fault;
        return Errno.Success;
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
    /// How many bytes of each buffer to move, in order, when at most <paramref name="available"/>
    /// can move in all; the total fits the u32 the guest gets back (a larger request is a
    /// partial transfer, as POSIX allows).
    /// </summary>
    public static uint[] Plan(ReadOnlySpan<GuestBuffer> buffers, ulong available)
    {
        var amounts = new uint[buffers.Length];
        var left = Math.Min(available, uint.MaxValue);
        for (var i = 0; i < buffers.Length && left > 0; i++)
        {
            amounts[i] = (uint)Math.Min(buffers[i].Length, left);
            left -= amounts[i];
        }
        return amounts;
    }
}
