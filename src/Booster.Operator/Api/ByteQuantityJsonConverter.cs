using System.Text.Json;
using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// Reads a size field from a JSON number or string (the CRD marks it
/// <c>x-kubernetes-int-or-string</c>) and writes it back in the same form.
/// </summary>
internal sealed class ByteQuantityJsonConverter : JsonConverter<ByteQuantity>
{
    public override ByteQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            // The raw text keeps "1.5" or "-1" intact, so validation can name the bad value.
            JsonTokenType.Number => new ByteQuantity(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
            JsonTokenType.String => new ByteQuantity(reader.GetString()!),
            _ => throw new JsonException($"expected a byte count (integer) or a size string, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, ByteQuantity value, JsonSerializerOptions options)
    {
        if (value.IsPlainInteger && ulong.TryParse(value.Text, System.Globalization.CultureInfo.InvariantCulture, out var number)) writer.WriteNumberValue(number);
        else writer.WriteStringValue(value.Text);
    }
}
