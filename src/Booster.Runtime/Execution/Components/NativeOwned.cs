using System.Runtime.InteropServices;

namespace Booster.Runtime.Execution.Components;

/// <summary>An owned pointer of Wasmtime's C API, released once by the delete function it came with.</summary>
internal sealed unsafe class NativeOwned : SafeHandle
{
    private readonly delegate*<nint, void> _release;

    public NativeOwned(nint pointer, delegate*<nint, void> release) : base(0, ownsHandle: true)
    {
        _release = release;
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
