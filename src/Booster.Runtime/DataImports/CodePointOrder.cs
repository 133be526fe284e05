using System.Text;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Orders strings by Unicode code point, which is the byte order of their UTF-8 and the
/// order of a Rust <c>BTreeMap&lt;String, _&gt;</c>: how the original booster sorts the keys
/// of every JSON object it writes. (Ordinal order of UTF-16 differs above U+FFFF.)
/// </summary>
internal sealed class CodePointOrder : IComparer<string>
{
    public static CodePointOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight) return hasLeft ? 1 : hasRight ? -1 : 0;
            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0) return order;
        }
    }
}
