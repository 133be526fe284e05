using System.Buffers;
using System.Globalization;
using System.Text;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Compact JSON written byte for byte as the original booster's serde_json writes it: no
/// spaces; in strings only <c>"</c>, <c>\</c> and control characters escaped (<c>\n</c> and
/// its kin by name, the rest as lowercase <c>\u00XX</c>), everything else as UTF-8; integers
/// in decimal; floats as ryu writes them, and <c>null</c> when not finite. (System.Text.Json
/// escapes <c>'</c>, <c>+</c>, <c>&lt;</c> and non-ASCII, which changes the bytes a guest sees.)
/// </summary>
internal sealed class SerdeJsonWriter
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new();
    // Per open container: whether the next value needs a comma before it.
    private readonly Stack<bool> _comma = new();
    private bool _afterName;

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void StartArray() { BeforeValue(); Byte((byte)'['); _comma.Push(false); }

    public void EndArray() { _comma.Pop(); Byte((byte)']'); }

    public void StartObject() { BeforeValue(); Byte((byte)'{'); _comma.Push(false); }

    public void EndObject() { _comma.Pop(); Byte((byte)'}'); }

    public void PropertyName(string name)
    {
        BeforeValue();
        Quoted(name);
        Byte((byte)':');
        _afterName = true;
    }

    public void Null() { BeforeValue(); Ascii("null"); }

    public void Bool(bool value) { BeforeValue(); Ascii(value ? "true" : "false"); }

    public void Integer(long value) { BeforeValue(); Ascii(value.ToString(CultureInfo.InvariantCulture)); }

    public void Integer(ulong value) { BeforeValue(); Ascii(value.ToString(CultureInfo.InvariantCulture)); }

    /// <summary>A float; NaN and the infinities are <c>null</c>, as serde_json's <c>Value::from(f64)</c> makes them.</summary>
    public void Float(double value)
    {
        BeforeValue();
        Ascii(double.IsFinite(value) ? ShortestDouble.Format(value) : "null");
    }

    /// <summary>A number already in its final text (a <c>numeric</c>'s digits).</summary>
    public void NumberText(string digits) { BeforeValue(); Ascii(digits); }

    public void String(string value) { BeforeValue(); Quoted(value); }

    private void Quoted(string value)
    {
        Byte((byte)'"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            Utf8(value.AsSpan(start, i - start));
            start = i + 1;
            Byte((byte)'\\');
            switch (c)
            {
                case '"': Byte((byte)'"'); break;
                case '\\': Byte((byte)'\\'); break;
                case '\b': Byte((byte)'b'); break;
                case '\f': Byte((byte)'f'); break;
                case '\n': Byte((byte)'n'); break;
                case '\r': Byte((byte)'r'); break;
                case '\t': Byte((byte)'t'); break;
                default:
                    Ascii("u00");
                    Byte(Hex[c >> 4]);
                    Byte(Hex[c & 0xF]);
                    break;
            }
        }
        Utf8(value.AsSpan(start));
        Byte((byte)'"');
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_comma.Count == 0) return;
        if (_comma.Pop()) Byte((byte)',');
        _comma.Push(true);
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void Ascii(string text)
    {
        var span = _buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        _buffer.Advance(text.Length);
    }

    private void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}
