using System.Globalization;
using System.Text.RegularExpressions;

namespace Booster.Contract;

/// <summary>
/// Byte counts as the contract writes them: a plain integer, or an integer with a
/// binary suffix <c>Ki</c>, <c>Mi</c> or <c>Gi</c> (Kubernetes quantity style).
/// </summary>
public static partial class ByteSize
{
    /// <summary>The accepted form, for error messages.</summary>
    public const string AcceptedForm = "a byte count such as 65536, 64Ki, 1Mi or 2Gi";

    /// <summary>The same form as a regular expression (used by the CRD schema too).</summary>
    public const string Pattern = "^[0-9]+(Ki|Mi|Gi)?$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex SizeRegex();

    public static bool TryParse(string? text, out ulong bytes)
    {
        bytes = 0;
        if (text is null) return false;
        text = text.Trim();
        if (!SizeRegex().IsMatch(text)) return false;

        var (digits, shift) = text switch
        {
            _ when text.EndsWith("Ki", StringComparison.Ordinal) => (text[..^2], 10),
            _ when text.EndsWith("Mi", StringComparison.Ordinal) => (text[..^2], 20),
            _ when text.EndsWith("Gi", StringComparison.Ordinal) => (text[..^2], 30),
            _ => (text, 0),
        };
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
        if (shift > 0 && value > ulong.MaxValue >> shift) return false;
        bytes = value << shift;
        return true;
    }

    /// <summary>Shortest exact text for a byte count: 1048576 → "1Mi", 1000 → "1000".</summary>
    public static string Format(ulong bytes)
    {
        if (bytes == 0) return "0";
        foreach (var (suffix, shift) in new[] { ("Gi", 30), ("Mi", 20), ("Ki", 10) })
        {
            var unit = 1UL << shift;
            if (bytes % unit == 0) return (bytes / unit).ToString(CultureInfo.InvariantCulture) + suffix;
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}
