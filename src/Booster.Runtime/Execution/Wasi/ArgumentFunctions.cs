using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// WASI preview1 <c>args_sizes_get</c>, <c>args_get</c>, <c>environ_sizes_get</c> and
/// <c>environ_get</c>, defined over Wasmtime's own on the shared linker. With Wasmtime's, every
/// execution built a WASI context of native strings for its arguments and environment before
/// the guest ran; here they are read from the execution's <see cref="GuestArguments"/> only when
/// the guest asks. Bounds are checked before anything is written (EFAULT, as the other host
/// functions answer where Wasmtime traps).
/// </summary>
internal static class ArgumentFunctions
{
    /// <summary>Defines them over Wasmtime's own; the linker must allow shadowing (<see cref="WasmEngine"/>).</summary>
    public static void Define(Linker linker)
    {
        linker.DefineFunction(WasiAbi.ModuleName, "args_sizes_get", (CallerFunc<int, int, int>)((c, count, size) => SizesGet(c, count, size, a => a.Argv)));
        linker.DefineFunction(WasiAbi.ModuleName, "args_get", (CallerFunc<int, int, int>)((c, pointers, buffer) => Get(c, pointers, buffer, a => a.Argv)));
        linker.DefineFunction(WasiAbi.ModuleName, "environ_sizes_get", (CallerFunc<int, int, int>)((c, count, size) => SizesGet(c, count, size, a => a.Environ)));
        linker.DefineFunction(WasiAbi.ModuleName, "environ_get", (CallerFunc<int, int, int>)((c, pointers, buffer) => Get(c, pointers, buffer, a => a.Environ)));
    }

    private static int SizesGet(Caller caller, int countOut, int sizeOut, Func<GuestArguments, IReadOnlyList<string>> list)
    {
        var strings = StringsOf(caller, list);
        if (!GuestMemory.TryOpen(caller, out var memory)) return (int)Errno.Fault;
        if (!WasiAbi.Fits(memory.Length, (uint)countOut, 1, sizeof(uint)) || !WasiAbi.Fits(memory.Length, (uint)sizeOut, 1, sizeof(uint)))
            return (int)Errno.Fault;
        var size = CStringList.BufferSize(strings);
        if (size > uint.MaxValue) return (int)Errno.Invalid;
        memory.WriteUInt32((uint)countOut, (uint)strings.Count);
        memory.WriteUInt32((uint)sizeOut, (uint)size);
        return (int)Errno.Success;
    }

    private static int Get(Caller caller, int pointers, int buffer, Func<GuestArguments, IReadOnlyList<string>> list)
    {
        var strings = StringsOf(caller, list);
        if (!GuestMemory.TryOpen(caller, out var memory)) return (int)Errno.Fault;
        if (!CStringList.Fits(memory.Length, (uint)pointers, (uint)buffer, strings)) return (int)Errno.Fault;
        CStringList.Write(memory, (uint)pointers, (uint)buffer, strings);
        return (int)Errno.Success;
    }

    private static IReadOnlyList<string> StringsOf(Caller caller, Func<GuestArguments, IReadOnlyList<string>> list) =>
        caller.GetData() is GuestState state ? list(state.Arguments) : [];
}
