using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// WASI preview1 <c>fd_write</c> and <c>fd_read</c> for the standard streams, defined over
/// Wasmtime's own on the shared linker. Wasmtime's stdout and stderr hand every write to a
/// callback on another thread (about 40 µs per execution here) or to a file; serving the
/// guest's stdio on its own thread, straight from and into linear memory, costs about 1 µs.
/// Executions have no other descriptors (no preopened directories, no sockets), so any other
/// descriptor is answered EBADF, as Wasmtime itself would.
/// </summary>
internal static class StdioFunctions
{
    private const string Wasi = "wasi_snapshot_preview1";
    private const int Success = 0;
    private const int BadDescriptor = 8;
    private const int Fault = 21;
    private const int IovecSize = 8;

    public static void Define(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "fd_write", (CallerFunc<int, int, int, int, int>)FdWrite);
        linker.DefineFunction(Wasi, "fd_read", (CallerFunc<int, int, int, int, int>)FdRead);
        linker.AllowShadowing = false;
    }

    private static int FdWrite(Caller caller, int fd, int iovecs, int iovecCount, int writtenOut)
    {
        if (caller.GetData() is not GuestState stdio || (fd != 1 && fd != 2)) return BadDescriptor;
        var target = fd == 1 ? stdio.Stdout : stdio.Stderr;
        return Transfer(caller, iovecs, iovecCount, writtenOut, (memory, address, length) =>
        {
            target.Write(memory.GetSpan(address, length));
            return length;
        });
    }

    private static int FdRead(Caller caller, int fd, int iovecs, int iovecCount, int readOut)
    {
        if (caller.GetData() is not GuestState stdio || fd != 0) return BadDescriptor;
        return Transfer(caller, iovecs, iovecCount, readOut, (memory, address, length) =>
            stdio.ReadStdin(memory.GetSpan(address, length)));
    }

    /// <summary>
    /// Walks the guest's iovec array, moving each buffer with <paramref name="move"/> (which
    /// returns the bytes moved; fewer than asked ends the walk), then stores the total.
    /// Any address outside linear memory is EFAULT, never an exception into Wasmtime.
    /// </summary>
    private static int Transfer(Caller caller, int iovecs, int iovecCount, int totalOut, Func<Memory, long, int, int> move)
    {
        try
        {
            var memory = caller.GetMemory("memory");
            if (memory is null) return Fault;
            long total = 0;
            for (long i = 0; i < (uint)iovecCount; i++)
            {
                var entry = (uint)iovecs + i * IovecSize;
                var address = (uint)memory.ReadInt32(entry);
                var length = memory.ReadInt32(entry + 4);
                if (length < 0 || address + (ulong)(uint)length > (ulong)memory.GetLength()) return Fault;
                var moved = move(memory, address, length);
                total += moved;
                if (moved < length) break;
            }
            memory.WriteInt32((uint)totalOut, (int)Math.Min(total, int.MaxValue));
            return Success;
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return Fault;
        }
    }
}
