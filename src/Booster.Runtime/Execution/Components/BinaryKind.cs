namespace Booster.Runtime.Execution.Components;

/// <summary>What a <c>.wasm</c> file holds, read from its 8-byte header.</summary>
internal enum BinaryKind
{
    /// <summary>Not a WebAssembly binary, or one of a layer Booster does not know (compiling it gives the reason).</summary>
    Unknown,

    /// <summary>A core module: layer 0, version 1.</summary>
    Module,

    /// <summary>A component (WASI 0.2): layer 1, whatever its version while the format is pre-1.0.</summary>
    Component,
}

/// <summary>
/// Tells core modules from components by the header: the magic <c>\0asm</c>, then a 16-bit
/// version and a 16-bit layer, little-endian. The layer decides (0 core, 1 component); the
/// component version changes while the format settles (0x0d today), so it is not checked here:
/// Wasmtime refuses a version it cannot read, with its own reason.
/// </summary>
internal static class BinaryHeader
{
    public static BinaryKind KindOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual("\0asm"u8)) return BinaryKind.Unknown;
        var layer = bytes[6] | (bytes[7] << 8);
        var version = bytes[4] | (bytes[5] << 8);
        return layer switch
        {
            0 when version == 1 => BinaryKind.Module,
            1 => BinaryKind.Component,
            _ => BinaryKind.Unknown,
        };
    }
}
