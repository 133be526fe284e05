using System.Text.Json.Serialization;
using Booster.Contract;

namespace Booster.Operator.Api;

/// <summary>
/// A size field of the spec, as the user wrote it: an integer byte count (<c>65536</c>) or a
/// size string (<c>64Ki</c>). The text is kept unparsed so that validation can quote it back;
/// <see cref="TryGetBytes"/> applies the runtime's own <see cref="ByteSize"/> rules.
/// </summary>
[JsonConverter(typeof(ByteQuantityJsonConverter))]
internal sealed record ByteQuantity(string Text)
{
    public bool TryGetBytes(out ulong bytes) => ByteSize.TryParse(Text, out bytes);

    /// <summary>The byte count; only call this on a validated spec.</summary>
    public ulong Bytes => TryGetBytes(out var bytes)
        ? bytes
        : throw new InvalidOperationException($"'{Text}' is not {ByteSize.AcceptedForm}; validate the spec first");

    /// <summary>True when the text is a plain integer, which the JSON form writes as a number.</summary>
    public bool IsPlainInteger => Text.Length > 0 && Text.All(char.IsAsciiDigit);

    public static implicit operator ByteQuantity(long bytes) => new(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static implicit operator ByteQuantity(string text) => new(text);

    public override string ToString() => Text;
}
