using Booster.Runtime.Execution.Components;

namespace Booster.Runtime.Tests.Components;

/// <summary>Core module or component, told by the binary header's layer field or the text's first form.</summary>
public class BinaryHeaderTests
{
    [Theory]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0 }, "Module")]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7 }, "Component")]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0e, 0, 1, 0 }, "Component")] // a later component version: Wasmtime decides
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 2, 0, 0, 0 }, "Unknown")] // a core version that does not exist
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 2, 0 }, "Unknown")] // an unknown layer
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0 }, "Unknown")] // too short
    [InlineData(new byte[] { (byte)'(', (byte)'m', (byte)'o', (byte)'d', (byte)'u', (byte)'l', (byte)'e', (byte)')' }, "Unknown")]
    public void TheLayerFieldDecides(byte[] header, string kind) => BinaryHeader.KindOf(header).ToString().Should().Be(kind);

    [Theory]
    [InlineData("(module)", "Module")]
    [InlineData("  ;; a comment\n(; block ;)\n(component $c (core module))", "Component")]
    [InlineData("(component)", "Component")]
    [InlineData("(componentx)", "Unknown")]
    [InlineData("\uFEFF(component\n)", "Component")]
    [InlineData("hello", "Unknown")]
    [InlineData("", "Unknown")]
    public void TheTextFormatsFirstFormDecides(string text, string kind) =>
        TextHeader.KindOf(System.Text.Encoding.UTF8.GetBytes(text)).ToString().Should().Be(kind);
}
