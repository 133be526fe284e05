using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// WASI preview1 <c>fd_write</c> and <c>fd_read</c> for the standard streams, defined over
/// Wasmtime's own on the shared linker. Wasmtime's stdout and stderr hand every write to a
/// callback on another thread or to a file, a cross-thread hand-off per execution; serving the
/// guest's stdio on its own thread, straight from and into linear memory, is a plain copy.
/// Other descriptors are answered EBADF, as Wasmtime itself would: executions have none open
/// for writing (a module's folders are read-only), and reading files in those folders is left to
/// Wasmtime's <c>fd_read</c> (<see cref="TierEngine.FilesPrepared"/>).
///
/// Each call reads (the iovecs), decides (<see cref="GuestBuffers"/>: EINVAL past
/// <see cref="WasiAbi.MaxIovecs"/>, EFAULT for any buffer outside memory, all before anything
/// moves), then writes the first non-empty buffer as Wasmtime's WASI does; a call that starts
/// past the deadline ends the execution.
/// </summary>
internal static class StdioFunctions
{
    /// <summary>Defines them over Wasmtime's own; the linker must allow shadowing (<see cref="WasmEngine"/>).</summary>
    /// <param name="serveStdin">False leaves <c>fd_read</c> to Wasmtime: for modules that read files, their stdin given to Wasmtime's WASI.</param>
    public static void Define(Linker linker, bool serveStdin = true)
    {
        linker.DefineFunction(WasiAbi.ModuleName, "fd_write", (CallerFunc<int, int, int, int, int>)FdWrite);
        if (serveStdin) linker.DefineFunction(WasiAbi.ModuleName, "fd_read", (CallerFunc<int, int, int, int, int>)FdRead);
    }

    private static int FdWrite(Caller caller, int fd, int iovecs, int iovecCount, int writtenOut)
    {
        if (caller.GetData() is not GuestState state || fd is not (WasiAbi.StdoutDescriptor or WasiAbi.StderrDescriptor))
            return (int)Errno.BadDescriptor;
        var target = fd == WasiAbi.StdoutDescriptor ? state.Stdout : state.Stderr;
        return (int)Transfer(caller, state, (uint)iovecs, (uint)iovecCount, (uint)writtenOut, available: uint.MaxValue,
            span => { target.Write(span); return true; });
    }

    private static int FdRead(Caller caller, int fd, int iovecs, int iovecCount, int readOut)
    {
        if (caller.GetData() is not GuestState state || fd != WasiAbi.StdinDescriptor) return (int)Errno.BadDescriptor;
        return (int)Transfer(caller, state, (uint)iovecs, (uint)iovecCount, (uint)readOut, available: (ulong)state.StdinRemaining,
            span => state.ReadStdin(span) == span.Length);
    }

    /// <summary>Read the iovecs, decide what moves, move it (<paramref name="move"/> says whether to go on), store the count.</summary>
    private static Errno Transfer(Caller caller, GuestState state, uint iovecs, uint count, uint totalOut, ulong available, Func<Span<byte>, bool> move)
    {
        if (!GuestMemory.TryOpen(caller, out var memory)) return Errno.Fault;
        var check = GuestBuffers.CheckArray(memory.Length, iovecs, count, totalOut);
        if (check != Errno.Success) return check;
        var buffers = GuestBuffers.Decode(memory.Span(iovecs, (int)count * WasiAbi.IovecSize));
        check = GuestBuffers.CheckBuffers(buffers, memory.Length);
        if (check != Errno.Success) return check;

        uint total = 0;
        if (GuestBuffers.Choose(buffers, available) is var (buffer, moving))
        {
            state.ThrowIfDeadlinePassed();
            memory.ForEachPiece(buffer.Address, moving, move);
            total = moving;
        }
        memory.WriteUInt32(totalOut, total);
        return Errno.Success;
    }
}
