using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The host memory creator of Wasmtime's C API (<c>wasmtime/memory.h</c>, <c>wasmtime/config.h</c>),
/// which the warm pool installs so that linear memories come from its regions. Layouts are those of
/// the native library the Wasmtime <see cref="CheckedPackageVersion"/> package ships.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    /// <summary><c>wasmtime_linear_memory_t</c>: the memory a creator made, with its callbacks.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LinearMemory
    {
        public void* Env;
        public delegate* unmanaged[Cdecl]<void*, nuint*, nuint*, byte*> GetMemory;
        public delegate* unmanaged[Cdecl]<void*, nuint, nint> GrowMemory;
        public delegate* unmanaged[Cdecl]<void*, void> Finalizer;
    }

    /// <summary><c>wasmtime_memory_creator_t</c>: what the engine calls for every new linear memory.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MemoryCreator
    {
        public void* Env;
        public delegate* unmanaged[Cdecl]<void*, void*, nuint, nuint, nuint, nuint, LinearMemory*, nint> NewMemory;
        public delegate* unmanaged[Cdecl]<void*, void> Finalizer;
    }

    /// <summary>An owned error carrying <paramref name="message"/> (NUL-terminated UTF-8), as a callback's failure.</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_error_new(byte* message);

    /// <summary>Copies the creator into the configuration; the engine calls its finalizer with its env when it is dropped.</summary>
    [LibraryImport("wasmtime")]
    public static partial void wasmtime_config_host_memory_creator_set(nint config, MemoryCreator* creator);
}
