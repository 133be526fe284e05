using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// Wasmtime's WASI context made through the C API, for what the .NET API cannot say: stdin from
/// bytes, with preopened folders. Layouts and signatures of the native library the Wasmtime
/// <see cref="CheckedPackageVersion"/> package ships.
/// </summary>
internal static unsafe partial class WasmtimeNative
{
    /// <summary><c>wasm_byte_vec_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ByteVec
    {
        public nuint Size;
        public byte* Data;
    }

    [LibraryImport("wasmtime")]
    public static partial nint wasi_config_new();

    [LibraryImport("wasmtime")]
    public static partial void wasi_config_delete(nint config);

    /// <summary>
    /// Preopens a folder; <paramref name="mutable"/> false lets the guest read and list, never
    /// write, create or remove. The shipped library takes this one flag, as the package's own
    /// binding declares it — not upstream's later pair of permission masks: measured, a 4th
    /// argument of 1 (upstream's DIR_PERMS_READ) lets the guest create and write.
    /// </summary>
    [LibraryImport("wasmtime", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_preopen_dir(nint config, string path, string guestPath, [MarshalAs(UnmanagedType.U1)] bool mutable);

    [LibraryImport("wasmtime")]
    public static partial void wasm_byte_vec_new(ByteVec* vector, nuint size, byte* data);

    /// <summary>Takes ownership of the vector's bytes.</summary>
    [LibraryImport("wasmtime")]
    public static partial void wasi_config_set_stdin_bytes(nint config, ByteVec* bytes);

    /// <summary>Takes ownership of the configuration, whatever it returns.</summary>
    [LibraryImport("wasmtime")]
    public static partial nint wasmtime_context_set_wasi(nint context, nint config);
}
