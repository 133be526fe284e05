using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Booster.Runtime.DataImports;

/// <summary>
/// How <c>pg_query</c> writes a value of a type the original booster does not decode (it
/// writes <c>null</c> for those): numbers as numbers (<c>numeric</c> with its digits),
/// timestamps as ISO 8601, <c>date</c> and <c>time</c> as their text, arrays as arrays, and
/// anything else as its text. Non-finite floats are <c>null</c>, as everywhere in the JSON. Pure.
/// </summary>
internal static class BoosterValueJson
{
    public static void Write(SerdeJsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull: writer.Null(); break;
            case bool b: writer.Bool(b); break;
            case short or int or long or byte or sbyte or ushort or uint: writer.Integer(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.Integer(u); break;
            case float f: writer.Float(f); break;
            case double d: writer.Float(d); break;
            case decimal m: writer.NumberText(m.ToString(CultureInfo.InvariantCulture)); break;
            case BigInteger big: writer.NumberText(big.ToString(CultureInfo.InvariantCulture)); break;
            case string s: writer.String(s); break;
            case char c: writer.String(c.ToString()); break;
            case Guid g: writer.String(g.ToString("D")); break;
            case byte[] bytes: writer.String(Convert.ToBase64String(bytes)); break;
            case DateTime t: writer.String(t.ToString(t.Kind == DateTimeKind.Utc ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: writer.String(t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.String(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: writer.String(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case IEnumerable items and not string:
                writer.StartArray();
                foreach (var item in items) Write(writer, item);
                writer.EndArray();
                break;
            case IFormattable formattable: writer.String(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: writer.String(value.ToString() ?? ""); break;
        }
    }
}
