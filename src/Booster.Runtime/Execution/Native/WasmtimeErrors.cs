using System.Runtime.CompilerServices;
using Wasmtime;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// Turns what a C API call returns (an owned error or trap) into the exceptions the .NET API
/// throws for the same call, with the same conversion (exit codes, trap codes, a host
/// function's exception as the cause), so callers handle both paths alike. The factories called
/// are private to the package: they were checked in the version
/// <see cref="WasmtimeNative.CheckedPackageVersion"/>, and a test fails when the pin or one changes.
/// </summary>
internal static class WasmtimeErrors
{
    /// <summary>Throws for a non-null error, then for a non-null trap; takes ownership of both.</summary>
    public static void ThrowIfFailed(nint error, nint trap)
    {
        if (error != 0) throw FromOwnedError(null, error);
        if (trap != 0) throw FromOwnedTrap(null, trap, true);
    }

    /// <summary>
    /// As <see cref="ThrowIfFailed"/>, for the call of the guest's entry point: an error that is
    /// not an exit is the guest's doing (<see cref="GuestCallException"/>).
    /// </summary>
    public static void ThrowIfCallFailed(nint error, nint trap)
    {
        if (error != 0)
        {
            var failure = FromOwnedError(null, error);
            throw failure.ExitCode is null ? new GuestCallException(failure) : failure;
        }
        ThrowIfFailed(0, trap);
    }

    /// <summary>The exception the .NET API makes of an owned error (exit code included); takes ownership.</summary>
    public static WasmtimeException FromError(nint error) => FromOwnedError(null, error);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedError")]
    private static extern WasmtimeException FromOwnedError(WasmtimeException? declaringType, nint error);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "FromOwnedTrap")]
    private static extern TrapException FromOwnedTrap(TrapException? declaringType, nint trap, bool delete);
}
