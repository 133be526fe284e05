using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The component-model half of Wasmtime's C API (<c>wasmtime/component/*.h</c>), which the .NET
/// package does not wrap, and the WASI configuration calls a component's WASI 0.2 context needs
/// (argv, environment, captured stdout and stderr). Signatures and layouts are those of the native
/// library the Wasmtime <see cref="CheckedPackageVersion"/> package ships.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    /// <summary>
    /// <c>wasmtime_component_func_t</c>. The v50 headers declare 24 bytes, but the library writes
    /// 32 into it: a 24-byte struct on the stack gets its neighbour overwritten.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    public struct ComponentFunc
    {
        [FieldOffset(0)] public ulong StoreId;
    }

    /// <summary><c>wasmtime_component_instance_t</c>: a store id and an index.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ComponentInstance
    {
        public ulong StoreId;
        public nuint Index;
    }

    /// <summary>
    /// <c>wasmtime_component_val_t</c>: a kind byte, then (8-aligned) a union whose largest member,
    /// a variant (name vector and value pointer), is 24 bytes.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    public struct ComponentVal
    {
        [FieldOffset(0)] public byte Kind;

        /// <summary>For <see cref="ComponentResult"/>: <c>is_ok</c>.</summary>
        [FieldOffset(8)] public byte ResultIsOk;
    }

    /// <summary><c>WASMTIME_COMPONENT_RESULT</c> in wasmtime/component/val.h.</summary>
    public const byte ComponentResult = 19;

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_new(nint engine, byte* bytes, nuint length, out nint component);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_serialize(nint component, ByteVec* serialized);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_deserialize(nint engine, byte* bytes, nuint length, out nint component);

    [LibraryImport("wasmtime", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint wasmtime_component_deserialize_file(nint engine, string path, out nint component);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_delete(nint component);

    /// <summary>An owned export index, or 0; <paramref name="instanceExportIndex"/> 0 looks at the top level.</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_get_export_index(nint component, nint instanceExportIndex, byte* name, nuint nameLength);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_export_index_delete(nint exportIndex);

    /// <summary>The component's type (owned: <see cref="wasmtime_component_type_delete"/>).</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_type(nint component);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_type_delete(nint componentType);

    [LibraryImport("wasmtime")]
    public static partial nuint wasmtime_component_type_import_count(nint componentType, nint engine);

    /// <summary>The name stays the type's; the extern is owned (<see cref="wasmtime_component_extern_delete"/>).</summary>
    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_type_import_nth(nint componentType, nint engine, nuint nth, out byte* name, out nuint nameLength, out nint item);

    [LibraryImport("wasmtime")]
    public static partial nuint wasmtime_component_type_export_count(nint componentType, nint engine);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_type_export_nth(nint componentType, nint engine, nuint nth, out byte* name, out nuint nameLength, out nint item);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_extern_delete(nint item);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_linker_new(nint engine);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_linker_delete(nint linker);

    /// <summary>The synchronous WASI 0.2 definitions (cli, clocks, filesystem, io, random, sockets).</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_linker_add_wasip2(nint linker);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_linker_instantiate(nint linker, nint context, nint component, ComponentInstance* instance);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_instance_get_func(ComponentInstance* instance, nint context, nint exportIndex, ComponentFunc* function);

    /// <summary>Traps and exits come back as the returned error (there is no trap out-parameter).</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_component_func_call(ComponentFunc* function, nint context, ComponentVal* arguments, nuint argumentCount, ComponentVal* results, nuint resultCount);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_component_val_delete(ComponentVal* value);

    [LibraryImport("wasmtime")]
    public static partial void wasm_byte_vec_delete(ByteVec* vector);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_argv(nint config, nuint count, byte** argv);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_env(nint config, nuint count, byte** names, byte** values);

    /// <summary>
    /// Sends what the guest writes to stdout to <paramref name="write"/>
    /// (<c>ptrdiff_t write(void* env, const unsigned char* bytes, size_t length)</c>, returning the
    /// bytes taken); <paramref name="finalizer"/> runs on <paramref name="env"/> when the context goes.
    /// </summary>
    [LibraryImport("wasmtime")]
    public static partial void wasi_config_set_stdout_custom(nint config, delegate* unmanaged<nint, byte*, nuint, nint> write, nint env, delegate* unmanaged<nint, void> finalizer);

    [LibraryImport("wasmtime")]
    public static partial void wasi_config_set_stderr_custom(nint config, delegate* unmanaged<nint, byte*, nuint, nint> write, nint env, delegate* unmanaged<nint, void> finalizer);
}
