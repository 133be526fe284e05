using System.Runtime.CompilerServices;
using Booster.Runtime.Execution.Native;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution.Native;

/// <summary>
/// <see cref="WasmtimeNative.Extern"/> against the library itself: a host function asks the C API
/// for its caller's exports into a buffer larger than the declared struct, and the bytes past the
/// declaration must be left alone, while what is read through <see cref="GuestMemory"/> is what
/// the .NET API reads for the same memory.
/// </summary>
public sealed unsafe class ExternLayoutTests
{
    private const int Slack = 64;
    private const byte Untouched = 0xA5;

    /// <summary>Two pages, with a 9 at 70000 (in the second).</summary>
    private static readonly string Guest = HostCall.WithMemory(pages: 2).Replace("(call $probe)", "(i32.store8 (i32.const 70000) (i32.const 9)) (call $probe)");

    [Fact]
    public void TheDeclaredExternIsTheSizeOfWasmtimesStruct() => Assert.Equal(32, sizeof(WasmtimeNative.Extern));

    [Theory]
    [InlineData("memory", WasmtimeNative.ExternMemory)]
    [InlineData("run", WasmtimeNative.ExternFunc)]
    public void WasmtimeWritesNothingPastTheDeclaredExtern(string export, byte kind)
    {
        var written = new byte[Slack];
        var found = false;
        HostCall.Run(Guest, caller =>
        {
            var buffer = stackalloc byte[Slack];
            new Span<byte>(buffer, Slack).Fill(Untouched);
            var name = System.Text.Encoding.UTF8.GetBytes(export);
            fixed (byte* text = name)
                found = WasmtimeNative.wasmtime_caller_export_get(WasmtimeHandles.Caller(ref caller), text, (nuint)name.Length, (WasmtimeNative.Extern*)buffer);
            new Span<byte>(buffer, Slack).CopyTo(written);
        });

        Assert.True(found);
        Assert.Equal(kind, written[0]);
        var past = written[sizeof(WasmtimeNative.Extern)..];
        Assert.True(past.All(b => b == Untouched), $"Wasmtime wrote past byte {sizeof(WasmtimeNative.Extern)} of wasmtime_extern_t: {Convert.ToHexString(written)}");
        Assert.Contains(written[8..sizeof(WasmtimeNative.Extern)], b => b != Untouched);
    }

    [Fact]
    public void GuestMemorySeesWhatTheDotNetApiSees()
    {
        long dotNetLength = 0, nativeLength = 0;
        nint dotNetBase = 0, nativeBase = 0;
        byte stored = 0;
        HostCall.Run(Guest, caller =>
        {
            var memory = caller.GetMemory("memory")!;
            dotNetLength = memory.GetLength();
            dotNetBase = (nint)Unsafe.AsPointer(ref memory.GetSpan(0, 1)[0]);
            Assert.True(GuestMemory.TryOpen(caller, out var guest));
            nativeLength = (long)guest.Length;
            nativeBase = (nint)Unsafe.AsPointer(ref guest.Span(0, 1)[0]);
            stored = guest.Span(70000, 1)[0];
        });

        Assert.Equal(2 * 65536, dotNetLength);
        Assert.Equal(dotNetLength, nativeLength);
        Assert.Equal(dotNetBase, nativeBase);
        Assert.Equal(9, stored);
    }

    [Fact]
    public void AGuestWithoutMemoryOpensNone()
    {
        GuestMemory? opened = default;
        HostCall.Run(HostCall.WithoutMemory, caller => opened = GuestMemory.Open(caller));

        Assert.Null(opened);
    }
}
