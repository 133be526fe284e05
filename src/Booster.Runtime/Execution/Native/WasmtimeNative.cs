using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The Wasmtime C API calls Booster makes itself, on the hot path, where the .NET API would
/// allocate wrappers or resolve names on every call (<see cref="PreparedModules"/>,
/// <see cref="GuestMemory"/>), and the engine settings the .NET API does not offer (the
/// compiler). Layouts are those of the native library the Wasmtime
/// <see cref="CheckedPackageVersion"/> package ships.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    public const byte ExternFunc = 0;
    public const byte ExternMemory = 3;

    /// <summary><c>wasmtime_instance_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Instance
    {
        public ulong StoreId;
        public nuint Private;
    }

    /// <summary>
    /// The Wasmtime package whose private members (<see cref="WasmtimeHandles"/>,
    /// <see cref="WasmtimeErrors"/>) and native layouts and signatures (this class) were checked;
    /// a test fails when Directory.Packages.props pins another.
    /// </summary>
    public const string CheckedPackageVersion = "50.0.1";

    /// <summary>
    /// <c>wasmtime_extern_t</c> (wasmtime/extern.h): a <c>uint8_t</c> kind, then at offset 8 a union
    /// of func and global (store id and a <c>size_t</c>: 16 bytes), table and memory (store id,
    /// <c>size_t</c> and a <c>uint32_t</c>: 24 bytes with padding) and a shared-memory pointer:
    /// 32 bytes in all. Wasmtime copies all 32 into the struct it is given, even for a
    /// 16-byte func (measured): a smaller declaration has its neighbour on the stack overwritten.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    public struct Extern
    {
        [FieldOffset(0)] public byte Kind;

        /// <summary>The union: a <c>wasmtime_func_t</c> or <c>wasmtime_memory_t</c>, by <see cref="Kind"/>.</summary>
        [FieldOffset(8)] public byte Of;
    }

    /// <summary><c>wasmtime_strategy_enum</c> in wasmtime/config.h: AUTO 0, CRANELIFT 1, WINCH 2 (the .NET enum stops at Cranelift).</summary>
    public const byte StrategyCranelift = 1, StrategyWinch = 2;

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_config_strategy_set(nint config, byte strategy);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_config_parallel_compilation_set(nint config, [MarshalAs(UnmanagedType.U1)] bool parallel);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_linker_instantiate_pre(nint linker, nint module, nint* instancePre);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_instance_pre_instantiate(nint instancePre, nint context, Instance* instance, out nint trap);

    [LibraryImport("wasmtime")]
    public static partial void wasmtime_instance_pre_delete(nint instancePre);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_instance_export_get(nint context, Instance* instance, byte* name, nuint nameLength, Extern* item);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_func_call(nint context, void* function, void* arguments, nuint argumentCount, void* results, nuint resultCount, out nint trap);

    [LibraryImport("wasmtime")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_caller_export_get(nint caller, byte* name, nuint nameLength, Extern* item);

    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_caller_context(nint caller);

    [LibraryImport("wasmtime")]
    public static partial byte* wasmtime_memory_data(nint context, void* memory);

    [LibraryImport("wasmtime")]
    public static partial nuint wasmtime_memory_data_size(nint context, void* memory);
}
