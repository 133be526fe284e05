using System.Globalization;
using System.Text;

namespace Booster.Runtime.DataImports;

/// <summary>
/// A finite double as serde_json writes it (through the ryu crate): the shortest digits that
/// read back as the same double, laid out as ryu lays them out — <c>1.0</c>, <c>0.001234</c>,
/// <c>12340000000.0</c>, <c>1e16</c>, <c>1.5e-7</c>, <c>-0.0</c>. Pure.
/// </summary>
internal static class ShortestDouble
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "only finite doubles have a JSON form");
        var text = new StringBuilder();
        if (double.IsNegative(value)) text.Append('-');
        if (value == 0) return text.Append("0.0").ToString();

        // .NET's "E16" is not shortest; "R" is (since .NET Core 3.0), in either fixed or exponent form.
        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var length = digits.Length;
        var k = exponent;            // value = digits × 10^k
        var kk = length + k;         // 10^(kk-1) <= value < 10^kk
        if (k >= 0 && kk <= 16)
            text.Append(digits).Append('0', k).Append(".0");
        else if (kk > 0 && kk <= 16)
            text.Append(digits, 0, kk).Append('.').Append(digits, kk, length - kk);
        else if (kk > -5 && kk <= 0)
            text.Append("0.").Append('0', -kk).Append(digits);
        else if (length == 1)
            text.Append(digits).Append('e').Append((kk - 1).ToString(CultureInfo.InvariantCulture));
        else
            text.Append(digits[0]).Append('.').Append(digits, 1, length - 1).Append('e').Append((kk - 1).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The significant digits (no leading or trailing zeros) and the power of ten of the last one.</summary>
    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var exponent = 0;
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            roundTrip = roundTrip[..e];
        }
        var point = roundTrip.IndexOf('.');
        if (point >= 0)
        {
            exponent -= roundTrip.Length - point - 1;
            roundTrip = roundTrip.Remove(point, 1);
        }
        var digits = roundTrip.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return (trimmed, exponent);
    }
}
