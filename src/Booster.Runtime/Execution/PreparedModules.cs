using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Runs a module's <c>_start</c> in a fresh instance, instantiated from a Wasmtime
/// <c>InstancePre</c>: the module's imports are resolved against the linker once per module,
/// not on every execution, and <c>_start</c> is called without building a typed .NET delegate.
/// Errors and traps come out as the exceptions the .NET API throws (<see cref="WasmtimeErrors"/>).
/// </summary>
/// <remarks>
/// The prepared form is kept per Wasmtime <see cref="Module"/> in a weak table: it lives as long
/// as the module it was made for, and a replaced module takes it along.
/// </remarks>
internal sealed unsafe partial class PreparedModules(Linker linker)
{
    private const byte ExternFunc = 0;

    private readonly ConditionalWeakTable<Module, InstancePre> _prepared = new();
    private readonly nint _linker = WasmtimeHandles.Of(linker);

    /// <summary>Instantiates the module in the Store and runs its <c>_start</c>; throws as Wasmtime's .NET API does.</summary>
    public void RunStart(Store store, Module module)
    {
        var pre = _prepared.GetValue(module, Prepare);
        var context = WasmtimeHandles.Context(store);
        Instance instance;
        var error = wasmtime_instance_pre_instantiate(pre.DangerousGetHandle(), context, &instance, out var trap);
        WasmtimeErrors.ThrowIfFailed(error, trap);

        Extern start;
        var found = false;
        fixed (byte* name = StartName) found = wasmtime_instance_export_get(context, &instance, name, (nuint)StartName.Length, &start);
        if (!found || start.Kind != ExternFunc) throw new WasmtimeException("the module has no _start function");
        error = wasmtime_func_call(context, &start.Function, null, 0, null, 0, out trap);
        // The Store must stay reachable while guest code runs: host functions find it through a weak handle.
        GC.KeepAlive(store);
        GC.KeepAlive(pre);
        WasmtimeErrors.ThrowIfFailed(error, trap);
    }

    private static ReadOnlySpan<byte> StartName => "_start"u8;

    private InstancePre Prepare(Module module)
    {
        nint pre;
        var error = wasmtime_linker_instantiate_pre(_linker, WasmtimeHandles.Of(module), &pre);
        GC.KeepAlive(module);
        WasmtimeErrors.ThrowIfFailed(error, 0);
        return new InstancePre(pre);
    }

    /// <summary>An owned <c>wasmtime_instance_pre_t*</c>.</summary>
    private sealed class InstancePre : SafeHandle
    {
        public InstancePre(nint pre) : base(0, ownsHandle: true) => SetHandle(pre);

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            wasmtime_instance_pre_delete(handle);
            return true;
        }
    }

    /// <summary><c>wasmtime_instance_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Instance
    {
        public ulong StoreId;
        public nuint Private;
    }

    /// <summary><c>wasmtime_func_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Function
    {
        public ulong StoreId;
        public nint Private;
    }

    /// <summary><c>wasmtime_extern_t</c>: a kind and a union of 16 bytes (room left to spare).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct Extern
    {
        [FieldOffset(0)] public byte Kind;
        [FieldOffset(8)] public Function Function;
    }

    [LibraryImport("wasmtime")]
    private static partial nint wasmtime_linker_instantiate_pre(nint linker, nint module, nint* instancePre);

    [LibraryImport("wasmtime")]
    private static partial nint wasmtime_instance_pre_instantiate(nint instancePre, nint context, Instance* instance, out nint trap);

    [LibraryImport("wasmtime")]
    private static partial void wasmtime_instance_pre_delete(nint instancePre);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool wasmtime_instance_export_get(nint context, Instance* instance, byte* name, nuint nameLength, Extern* item);

    [LibraryImport("wasmtime")]
    private static partial nint wasmtime_func_call(nint context, Function* function, void* arguments, nuint argumentCount, void* results, nuint resultCount, out nint trap);
}
