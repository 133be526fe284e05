using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Booster.Runtime.Execution.Native;
using Wasmtime;
using static Booster.Runtime.Execution.Native.WasmtimeNative;

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
internal sealed unsafe class PreparedModules(Linker linker)
{
    private readonly ConditionalWeakTable<Module, InstancePre> _prepared = new();
    private readonly SafeHandle _linker = WasmtimeHandles.SafeHandleOf(linker);

    /// <summary>Instantiates the module in the Store and runs its <c>_start</c>; throws as Wasmtime's .NET API does.</summary>
    public void RunStart(Store store, Module module)
    {
        // TryGetValue first: GetValue would allocate a delegate for Prepare on every run.
        if (!_prepared.TryGetValue(module, out var pre)) pre = _prepared.GetValue(module, Prepare);
        var context = WasmtimeHandles.Context(store);
        WasmtimeNative.Instance instance;
        var error = wasmtime_instance_pre_instantiate(pre.DangerousGetHandle(), context, &instance, out var trap);
        WasmtimeErrors.ThrowIfFailed(error, trap);

        WasmtimeNative.Extern start;
        var found = false;
        fixed (byte* name = StartName) found = wasmtime_instance_export_get(context, &instance, name, (nuint)StartName.Length, &start);
        if (!found || start.Kind != ExternFunc) throw new WasmtimeException("the module has no _start function");
        error = wasmtime_func_call(context, &start.Of, null, 0, null, 0, out trap);
        // The Store must stay reachable while guest code runs: host functions find it through a weak handle.
        GC.KeepAlive(store);
        GC.KeepAlive(pre);
        WasmtimeErrors.ThrowIfCallFailed(error, trap);
    }

    private static ReadOnlySpan<byte> StartName => "_start"u8;

    private InstancePre Prepare(Module module)
    {
        var (error, pre) = WasmtimeHandles.With(_linker, WasmtimeHandles.SafeHandleOf(module), static (linker, code) =>
        {
            nint prepared;
            var failure = wasmtime_linker_instantiate_pre(linker, code, &prepared);
            return (failure, prepared);
        });
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
}
