using Booster.Runtime.Execution.Native;
using Wasmtime;

namespace Booster.Runtime.Execution.Components;

/// <summary>
/// A trap inside a component, with the trap code read from Wasmtime's description of it
/// (<see cref="TrapDescriptions"/>), so that it is answered as the same trap of a core module.
/// </summary>
internal sealed class ComponentTrapException(WasmtimeException error, TrapCode code) : WasmtimeException(error.Message, error)
{
    public TrapCode Code { get; } = code;

    /// <summary>
    /// The exception for an owned error of a component instantiation or call (taking it over): an
    /// exit keeps its exit code, a trap becomes a <see cref="ComponentTrapException"/>, anything else
    /// stays as Wasmtime worded it.
    /// </summary>
    public static WasmtimeException FromError(nint error)
    {
        var failure = WasmtimeErrors.FromError(error);
        if (failure.ExitCode is not null) return failure;
        return TrapDescriptions.CodeOf(FailureClassifier.RootCause(failure.Message)) is { } code ? new ComponentTrapException(failure, code) : failure;
    }
}
