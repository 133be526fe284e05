using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// An error (not a trap, not an exit) that ended the guest's <c>_start</c>: a host function
/// refused what the guest asked of it — Wasmtime's WASI, for instance, for a pointer outside
/// memory, a memory that is not exported, or an exit status of 126 or more. The guest's doing,
/// never the server's: answered as a trap, not an internal error.
/// </summary>
internal sealed class GuestCallException(WasmtimeException error) : WasmtimeException(error.Message, error);
