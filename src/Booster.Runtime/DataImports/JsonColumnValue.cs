using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Booster.Runtime.DataImports;

/// <summary>
/// A <c>json</c> or <c>jsonb</c> value as the original booster writes it: parsed into a
/// serde_json <c>Value</c> and written again — compact, each object's keys sorted (a
/// repeated key keeps its last value), integers that fit 64 bits as integers and every other
/// number as a double. What serde_json cannot read (a number beyond a double, a lone
/// surrogate, nesting deeper than its limit of 127) is <c>null</c> there, so it is here. Pure.
/// </summary>
internal static class JsonColumnValue
{
    /// <summary>serde_json's recursion limit: 128 levels fail, 127 are read.</summary>
    public const int MaxDepth = 127;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Writes the value, or <c>null</c> when the original could not have read it.</summary>
    public static void Write(SerdeJsonWriter writer, string text)
    {
        if (TryParse(text, out var value)) Emit(writer, value);
        else writer.Null();
    }

    public static bool TryParse(string text, out object? value)
    {
        value = null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), ReaderOptions);
            if (!reader.Read()) return false;
            if (!TryRead(ref reader, 0, out value)) return false;
            return !reader.Read(); // only whitespace may follow
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryRead(ref Utf8JsonReader reader, int depth, out object? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                if (depth + 1 > MaxDepth) return false;
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TryRead(ref reader, depth + 1, out var item)) return false;
                    items.Add(item);
                }
                value = items;
                return true;
            case JsonTokenType.StartObject:
                if (depth + 1 > MaxDepth) return false;
                var members = new SortedDictionary<string, object?>(CodePointOrder.Instance);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (!TryRead(ref reader, depth + 1, out var member)) return false;
                    members[name] = member;
                }
                value = members;
                return true;
            case JsonTokenType.String: value = reader.GetString(); return true;
            case JsonTokenType.True: value = true; return true;
            case JsonTokenType.False: value = false; return true;
            case JsonTokenType.Null: return true;
            case JsonTokenType.Number: return TryNumber(Encoding.ASCII.GetString(reader.ValueSpan), out value);
            default: return false;
        }
    }

    /// <summary>As serde_json reads a number: u64, negative i64, else f64 (and "-0" is the float -0.0).</summary>
    public static bool TryNumber(string text, out object? value)
    {
        value = null;
        var integral = text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (integral && text[0] != '-' && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var positive))
        {
            value = positive;
            return true;
        }
        if (integral && text != "-0" && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var negative))
        {
            value = negative;
            return true;
        }
        var real = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(real)) return false; // serde_json: "number out of range"
        value = real;
        return true;
    }

    private static void Emit(SerdeJsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.Null(); break;
            case bool b: writer.Bool(b); break;
            case string s: writer.String(s); break;
            case ulong u: writer.Integer(u); break;
            case long l: writer.Integer(l); break;
            case double d: writer.Float(d); break;
            case List<object?> items:
                writer.StartArray();
                foreach (var item in items) Emit(writer, item);
                writer.EndArray();
                break;
            case SortedDictionary<string, object?> members:
                writer.StartObject();
                foreach (var (name, member) in members)
                {
                    writer.PropertyName(name);
                    Emit(writer, member);
                }
                writer.EndObject();
                break;
        }
    }
}
