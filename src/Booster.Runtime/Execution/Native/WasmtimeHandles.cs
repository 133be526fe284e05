using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The native objects behind the .NET Wasmtime API, for the C API calls it does not offer
/// (the host memory creator, pre-resolved instantiation). Read once per object except the
/// Store's context, which every execution needs and which is read without reflection. The
/// members reached are private to the package: they were checked in the version
/// <see cref="WasmtimeNative.CheckedPackageVersion"/>, and a test fails when the pin or a member changes.
/// </summary>
internal static class WasmtimeHandles
{
    /// <summary>The native pointer behind a Config, Linker or Module, for a call made while the object is in use.</summary>
    public static nint Of(object wasmtimeObject) => SafeHandleOf(wasmtimeObject).DangerousGetHandle();

    /// <summary>The SafeHandle in a Config's, Linker's or Module's internal <c>handle</c> field.</summary>
    public static SafeHandle SafeHandleOf(object wasmtimeObject)
    {
        var type = wasmtimeObject.GetType();
        var field = type.GetField("handle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{type.FullName}.handle not found: the Wasmtime package changed");
        return (SafeHandle)field.GetValue(wasmtimeObject)!;
    }

    /// <summary>
    /// Runs <paramref name="call"/> with the two objects' native pointers, each held by its
    /// SafeHandle for the call as the .NET API's own calls hold them: a disposed object throws
    /// <see cref="ObjectDisposedException"/> instead of handing out a freed pointer.
    /// </summary>
    public static T With<T>(SafeHandle first, SafeHandle second, Func<nint, nint, T> call)
    {
        bool firstHeld = false, secondHeld = false;
        try
        {
            first.DangerousAddRef(ref firstHeld);
            second.DangerousAddRef(ref secondHeld);
            return call(first.DangerousGetHandle(), second.DangerousGetHandle());
        }
        finally
        {
            if (secondHeld) second.DangerousRelease();
            if (firstHeld) first.DangerousRelease();
        }
    }

    /// <summary>The Store's <c>wasmtime_context_t*</c>; valid while the Store is alive.</summary>
    public static nint Context(Store store) => ContextField(store);

    /// <summary>The <c>wasmtime_caller_t*</c> a host function was called with; valid during the call.</summary>
    public static nint Caller(ref Caller caller) => CallerField(ref caller);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "handle")]
    private static extern ref readonly nint CallerField(ref Caller caller);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "contextHandle")]
    private static extern ref nint ContextField(Store store);
}
