namespace Booster.Runtime.Execution.Components;

/// <summary>
/// Tells a core module from a component in the text format (<c>.wat</c>) by its first form:
/// <c>(module …)</c> or <c>(component …)</c>, after any white space and comments. Wasmtime
/// compiles both from text; a file that starts otherwise is left to the module compiler, whose
/// error names the problem. Pure.
/// </summary>
internal static class TextHeader
{
    public static BinaryKind KindOf(ReadOnlySpan<byte> text)
    {
        var rest = SkipBlanks(text);
        if (rest.StartsWith("(component"u8) && (rest.Length == 10 || IsDelimiter(rest[10]))) return BinaryKind.Component;
        return rest.StartsWith("(module"u8) ? BinaryKind.Module : BinaryKind.Unknown;
    }

    private static ReadOnlySpan<byte> SkipBlanks(ReadOnlySpan<byte> text)
    {
        while (true)
        {
            text = text.TrimStart(" \t\r\n"u8);
            if (text.StartsWith(";;"u8))
            {
                var end = text.IndexOf((byte)'\n');
                text = end < 0 ? [] : text[(end + 1)..];
            }
            else if (text.StartsWith("(;"u8))
            {
                var end = text.IndexOf(";)"u8);
                text = end < 0 ? [] : text[(end + 2)..];
            }
            else if (text.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }
            else
            {
                return text;
            }
        }
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'(' or (byte)')' or (byte)'$' or (byte)';';
}
