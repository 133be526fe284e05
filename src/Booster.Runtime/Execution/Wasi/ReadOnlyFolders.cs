using Booster.Runtime.Execution.Native;
using Wasmtime;
using static Booster.Runtime.Execution.Native.WasmtimeNative;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// The WASI context of a run of a module with read-only folders (its <c>files</c>): each folder
/// preopened read-only — Wasmtime then refuses writing, appending, creating and
/// removing, and resolves every path inside the folder (<c>..</c> or a symlink that leads out is
/// refused) — and the request's stdin, which Wasmtime's <c>fd_read</c> serves for these modules
/// (<see cref="TierEngine.FilesPrepared"/>).
/// </summary>
internal static unsafe class ReadOnlyFolders
{
    public static void Install(Store store, IReadOnlyList<FileGrant> folders, byte[]? stdin) => Install(store, NewConfig(folders, stdin));

    /// <summary>
    /// A WASI configuration (owned: hand it to <see cref="Install(Store, nint)"/> or delete it) with
    /// <paramref name="folders"/> preopened read-only and <paramref name="stdin"/> as standard input.
    /// Core modules and components (their WASI 0.2 preopens) get the same folders alike.
    /// </summary>
    public static nint NewConfig(IReadOnlyList<FileGrant> folders, byte[]? stdin)
    {
        var config = wasi_config_new();
        try
        {
            foreach (var folder in folders)
            {
                if (!wasi_config_preopen_dir(config, folder.Path, folder.GuestPath, mutable: false))
                    throw new WasmtimeException($"the folder {folder.Path} (guestPath {folder.GuestPath}) could not be opened");
            }
            if (stdin is { Length: > 0 })
            {
                ByteVec bytes;
                fixed (byte* data = stdin) wasm_byte_vec_new(&bytes, (nuint)stdin.Length, data);
                wasi_config_set_stdin_bytes(config, &bytes);
            }
            return config;
        }
        catch
        {
            wasi_config_delete(config);
            throw;
        }
    }

    /// <summary>Gives the Store the configuration made by <see cref="NewConfig"/> (taking it over).</summary>
    public static void Install(Store store, nint config)
    {
        var error = wasmtime_context_set_wasi(WasmtimeHandles.Context(store), config);
        GC.KeepAlive(store);
        WasmtimeErrors.ThrowIfFailed(error, 0);
    }
}
