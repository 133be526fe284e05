using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wasmtime;

namespace Booster.Runtime.Execution.Native;

/// <summary>
/// The native objects behind the .NET Wasmtime API, for the C API calls it does not offer
/// (the host memory creator, pre-resolved instantiation). Read once per object except the
/// Store's context, which every execution needs and which is read without reflection.
/// </summary>
internal static class WasmtimeHandles
{
    /// <summary>The native pointer behind a Config, Linker or Module (the SafeHandle in their internal <c>handle</c> field).</summary>
    public static nint Of(object wasmtimeObject)
    {
        var type = wasmtimeObject.GetType();
        var field = type.GetField("handle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{type.FullName}.handle not found: the Wasmtime package changed");
        var handle = (SafeHandle)field.GetValue(wasmtimeObject)!;
        return handle.DangerousGetHandle();
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
