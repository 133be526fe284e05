using Wasmtime;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// Wasmtime's own <c>fd_read</c> and <c>fd_write</c> for one Store, for the descriptors beyond
/// stdio: those of files a module opens in its read-only folders. Booster serves the standard
/// streams itself (<see cref="StdioFunctions"/>, defined over Wasmtime's), so these are taken from
/// a linker that holds Wasmtime's WASI alone (<see cref="WasmEngine.WasiOnly"/>); the descriptor
/// table they work on is the Store's, the one <c>path_open</c> filled.
/// </summary>
internal sealed class PreopenedFileCalls(Func<int, int, int, int, int> read, Func<int, int, int, int, int> write)
{
    public static PreopenedFileCalls For(Linker wasiOnly, Store store) => new(
        Wrap(wasiOnly, store, "fd_read"),
        Wrap(wasiOnly, store, "fd_write"));

    public int Read(int fd, int iovecs, int iovecCount, int readOut) => read(fd, iovecs, iovecCount, readOut);

    /// <summary>Wasmtime refuses it: the folders are read-only, so no descriptor is open for writing.</summary>
    public int Write(int fd, int iovecs, int iovecCount, int writtenOut) => write(fd, iovecs, iovecCount, writtenOut);

    private static Func<int, int, int, int, int> Wrap(Linker linker, Store store, string name) =>
        linker.GetFunction(store, WasiAbi.ModuleName, name)?.WrapFunc<int, int, int, int, int>()
        ?? throw new InvalidOperationException($"Wasmtime's WASI does not define {name}");
}
