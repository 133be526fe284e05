using Booster.Runtime.Execution.Native;
using Wasmtime;
using static Booster.Runtime.Execution.Native.WasmtimeNative;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// One engine's component linker with Wasmtime's synchronous WASI 0.2 definitions, shared by
/// every run of every component compiled on that engine (a linker is only read to instantiate).
/// What a component may import is decided before, at load (<see cref="ComponentWorld"/>): the
/// definitions include <c>wasi:sockets</c>, which no component that imports it ever reaches, and
/// which the WASI configuration leaves without any network anyway.
/// </summary>
internal sealed unsafe class ComponentLinker : IDisposable
{
    private readonly NativeOwned _linker;

    public ComponentLinker(Engine engine)
    {
        var linker = wasmtime_component_linker_new(WasmtimeHandles.Of(engine));
        GC.KeepAlive(engine);
        _linker = new NativeOwned(linker, &wasmtime_component_linker_delete);
        var error = wasmtime_component_linker_add_wasip2(linker);
        if (error != 0) _linker.Dispose();
        WasmtimeErrors.ThrowIfFailed(error, 0);
    }

    /// <summary>
    /// Instantiates <paramref name="component"/> in <paramref name="store"/> (whose WASI context
    /// is set) and calls its <c>wasi:cli/run#run</c>. Returns the exit code: 0 for <c>ok</c>, 1 for
    /// <c>err</c>. Throws as the core path does: an exit through <c>wasi:cli/exit</c> is a
    /// <see cref="WasmtimeException"/> with its exit code, a trap a <see cref="ComponentTrapException"/>.
    /// </summary>
    public int Run(Store store, ComponentCode component)
    {
        var context = WasmtimeHandles.Context(store);
        var run = RunFunction(store, Instantiate(store, component), component);
        ComponentVal result = default;
        var error = wasmtime_component_func_call(&run, context, null, 0, &result, 1);
        // The Store and the code must stay reachable while guest code runs.
        GC.KeepAlive(store);
        GC.KeepAlive(component);
        GC.KeepAlive(this);
        if (error != 0)
        {
            // As for a core module's _start: an error that is neither an exit nor a trap is a host
            // function refusing what the guest asked, the guest's doing.
            var failure = ComponentTrapException.FromError(error);
            throw failure is ComponentTrapException || failure.ExitCode is not null ? failure : new GuestCallException(failure);
        }
        var ok = result.Kind == ComponentResult && result.ResultIsOk != 0;
        wasmtime_component_val_delete(&result);
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Instantiates <paramref name="component"/> in <paramref name="store"/> (whose WASI context is
    /// set): its imports are resolved and its core instances created within the Store's limits.
    /// </summary>
    public ComponentInstance Instantiate(Store store, ComponentCode component)
    {
        ComponentInstance instance;
        var error = wasmtime_component_linker_instantiate(_linker.DangerousGetHandle(), WasmtimeHandles.Context(store), component.Handle, &instance);
        GC.KeepAlive(store);
        GC.KeepAlive(component);
        if (error != 0) throw ComponentTrapException.FromError(error);
        return instance;
    }

    /// <summary>The instance's <c>wasi:cli/run#run</c>; throws when that export is not a function.</summary>
    public static ComponentFunc RunFunction(Store store, ComponentInstance instance, ComponentCode component)
    {
        ComponentFunc run;
        var found = wasmtime_component_instance_get_func(&instance, WasmtimeHandles.Context(store), component.RunFunction, &run);
        GC.KeepAlive(store);
        GC.KeepAlive(component);
        return found ? run : throw new WasmtimeException($"its {component.RunExport} exports no function named {ComponentWorld.RunFunction}");
    }

    public void Dispose() => _linker.Dispose();
}
