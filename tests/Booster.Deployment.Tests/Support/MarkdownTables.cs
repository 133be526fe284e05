using System.Text.RegularExpressions;

namespace Booster.Deployment.Tests.Support;

/// <summary>A table of a Markdown file: its header cells and rows of cells (trimmed, backticks kept).</summary>
internal sealed record MarkdownTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The first cell of each row with its backticks removed.</summary>
    public IEnumerable<string> Keys => Rows.Select(row => Unquote(row[0]));

    public IReadOnlyList<string> Row(string key) =>
        Rows.SingleOrDefault(row => Unquote(row[0]) == key) ?? throw new KeyNotFoundException($"no row '{key}'");

    public string Cell(string key, string column) => Row(key)[Header.ToList().IndexOf(column)];

    public static string Unquote(string cell) => cell.Trim().Trim('`');
}

internal static partial class MarkdownTables
{
    public static IReadOnlyList<MarkdownTable> Read(string path)
    {
        var tables = new List<MarkdownTable>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || !Separator().IsMatch(lines[i + 1])) continue;
            var header = Cells(lines[i]);
            var rows = new List<IReadOnlyList<string>>();
            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++) rows.Add(Cells(lines[i]));
            tables.Add(new MarkdownTable(header, rows));
        }
        return tables;
    }

    /// <summary>The one table whose header starts with these cells.</summary>
    public static MarkdownTable WithHeader(string path, params string[] header) =>
        Read(path).Where(t => t.Header.Take(header.Length).SequenceEqual(header)).Should()
            .ContainSingle($"{Path.GetFileName(path)} has one table headed | {string.Join(" | ", header)} |").Subject;

    /// <summary>The first `literal` of a cell, or null when the cell does not start with one.</summary>
    public static string? LeadingLiteral(string cell) => LeadingCode().Match(cell.Trim()) is { Success: true } m ? m.Groups[1].Value : null;

    private static List<string> Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToList();

    [GeneratedRegex(@"^\|(\s*:?-{3,}:?\s*\|)+\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^`([^`]*)`")]
    private static partial Regex LeadingCode();
}
