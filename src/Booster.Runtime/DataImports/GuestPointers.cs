using System.Text;
using Booster.Runtime.Execution.Native;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Guest pointers and lengths, checked before they are used: i32 offsets into the exported
/// <c>memory</c> (<see cref="GuestMemory"/>, null when the guest exports none), negative values
/// refused as the original booster did. A range that does not fit is the caller's "bad
/// pointer/length" code, never an exception into Wasmtime.
/// </summary>
internal static class GuestPointers
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool InRange(GuestMemory? memory, int pointer, int length) =>
        memory is { } open && pointer >= 0 && length >= 0 && open.Contains((ulong)pointer, (ulong)length);

    /// <summary>A copy of the bytes (the call may outlive this view of memory), or null when out of range.</summary>
    public static byte[]? ReadBytes(GuestMemory? memory, int pointer, int length) =>
        InRange(memory, pointer, length) ? memory!.Value.Span((ulong)pointer, length).ToArray() : null;

    /// <summary>The bytes as UTF-8 text, or null when out of range or not valid UTF-8.</summary>
    public static string? ReadUtf8(GuestMemory? memory, int pointer, int length)
    {
        if (!InRange(memory, pointer, length)) return null;
        try
        {
            return StrictUtf8.GetString(memory!.Value.Span((ulong)pointer, length));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Copies <paramref name="data"/> to a range checked beforehand with <see cref="InRange"/>.</summary>
    public static void Write(GuestMemory? memory, int pointer, ReadOnlySpan<byte> data) => data.CopyTo(memory!.Value.Span((ulong)pointer, data.Length));
}
