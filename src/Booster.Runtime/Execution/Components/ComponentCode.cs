using System.Text;
using Booster.Runtime.Execution.Native;
using Wasmtime;
using static Booster.Runtime.Execution.Native.WasmtimeNative;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// A compiled WASI 0.2 component (<c>wasmtime_component_t</c>), with the names it imports and
/// exports and, when it is a command, its <c>wasi:cli/run@0.2.x#run</c> function resolved once
/// (an export index is the component's, valid for every instance of it). Thread-safe and shared
/// like a compiled core module; runs only on the engine that compiled it.
/// </summary>
internal sealed unsafe class ComponentCode : IDisposable
{
    private readonly NativeOwned _component;
    private readonly NativeOwned? _run;

    private ComponentCode(Engine engine, nint component)
    {
        Engine = engine;
        _component = new NativeOwned(component, &wasmtime_component_delete);
        (Imports, Exports) = ReadWorld(engine, component);
        RunExport = ComponentWorld.RunExport(Exports);
        if (RunExport is not null && ExportIndex(component, 0, RunExport) is var instance and not 0)
        {
            var run = ExportIndex(component, instance, ComponentWorld.RunFunction);
            wasmtime_component_export_index_delete(instance);
            if (run != 0) _run = new NativeOwned(run, &wasmtime_component_export_index_delete);
        }
    }

    /// <summary>The engine that compiled it: its Stores run it.</summary>
    public Engine Engine { get; }

    public IReadOnlyList<string> Imports { get; }

    public IReadOnlyList<string> Exports { get; }

    /// <summary>The exact <c>wasi:cli/run@0.2.x</c> export, or null.</summary>
    public string? RunExport { get; }

    /// <summary>Null when it can run here; otherwise why not (<see cref="ComponentWorld"/>).</summary>
    public string? Rejection => ComponentWorld.Check(Imports, Exports)
        ?? (_run is null ? $"its {RunExport} has no function named {ComponentWorld.RunFunction}" : null);

    /// <summary>The native component; valid while this object is.</summary>
    public nint Handle => _component.DangerousGetHandle();

    /// <summary>The export index of <c>run</c>; valid while this object is.</summary>
    public nint RunFunction => _run?.DangerousGetHandle() ?? throw new InvalidOperationException("the component has no wasi:cli/run function");

    /// <summary>Compiles component bytes; throws <see cref="WasmtimeException"/> with Wasmtime's reason.</summary>
    public static ComponentCode Compile(Engine engine, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* data = bytes)
        {
            var (at, length) = ((nint)data, (nuint)bytes.Length);
            return Create(engine, (nint handle, out nint component) => wasmtime_component_new(handle, (byte*)at, length, out component));
        }
    }

    /// <summary>Code this runtime serialized before (unsafe for bytes from anyone else): Wasmtime maps the file.</summary>
    public static ComponentCode DeserializeFile(Engine engine, string path) =>
        Create(engine, (nint handle, out nint component) => wasmtime_component_deserialize_file(handle, path, out component));

    /// <summary>As <see cref="DeserializeFile"/>, from bytes in memory (Wasmtime copies them).</summary>
    public static ComponentCode Deserialize(Engine engine, ReadOnlySpan<byte> serialized)
    {
        fixed (byte* data = serialized)
        {
            var (at, length) = ((nint)data, (nuint)serialized.Length);
            return Create(engine, (nint handle, out nint component) => wasmtime_component_deserialize(handle, (byte*)at, length, out component));
        }
    }

    private delegate nint NativeConstructor(nint engine, out nint component);

    /// <summary>Runs one of the C API's constructors on the engine; throws its error.</summary>
    private static ComponentCode Create(Engine engine, NativeConstructor construct)
    {
        var error = construct(EngineHandle(engine), out var component);
        GC.KeepAlive(engine);
        WasmtimeErrors.ThrowIfFailed(error, 0);
        return new ComponentCode(engine, component);
    }

    /// <summary>The compiled code, for the cache.</summary>
    public byte[] Serialize()
    {
        ByteVec serialized;
        var error = wasmtime_component_serialize(Handle, &serialized);
        GC.KeepAlive(this);
        WasmtimeErrors.ThrowIfFailed(error, 0);
        try
        {
            return new ReadOnlySpan<byte>(serialized.Data, checked((int)serialized.Size)).ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&serialized);
        }
    }

    public void Dispose()
    {
        _run?.Dispose();
        _component.Dispose();
    }

    private static nint EngineHandle(Engine engine) => WasmtimeHandles.Of(engine);

    /// <summary>An export index (owned), or 0; <paramref name="instance"/> 0 looks at the component's top level.</summary>
    private static nint ExportIndex(nint component, nint instance, string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        fixed (byte* data = utf8) return wasmtime_component_get_export_index(component, instance, data, (nuint)utf8.Length);
    }

    private static (IReadOnlyList<string> Imports, IReadOnlyList<string> Exports) ReadWorld(Engine engine, nint component)
    {
        var type = wasmtime_component_type(component);
        try
        {
            var result = (Names(type, EngineHandle(engine), imports: true), Names(type, EngineHandle(engine), imports: false));
            GC.KeepAlive(engine);
            return result;
        }
        finally
        {
            wasmtime_component_type_delete(type);
        }
    }

    private static string[] Names(nint type, nint engine, bool imports)
    {
        var count = imports ? wasmtime_component_type_import_count(type, engine) : wasmtime_component_type_export_count(type, engine);
        var names = new List<string>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            nuint length;
            nint item;
            var found = imports
                ? wasmtime_component_type_import_nth(type, engine, i, out name, out length, out item)
                : wasmtime_component_type_export_nth(type, engine, i, out name, out length, out item);
            if (!found) continue;
            names.Add(Encoding.UTF8.GetString(name, (int)length));
            wasmtime_component_extern_delete(item);
        }
        return [.. names];
    }
}
