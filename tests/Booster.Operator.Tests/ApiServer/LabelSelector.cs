using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Label selectors as the API server reads them from <c>?labelSelector=</c>: <c>k=v</c>,
/// <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, comma-separated.
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    public static LabelSelector Everything { get; } = new();

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (Match part in Requirement().Matches(text))
        {
            var requirement = part.Value.Trim();
            if (requirement.Length == 0) continue;
            selector._requirements.Add(ParseRequirement(requirement));
        }
        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        var map = labels?.ToDictionary(p => p.Key, p => (string?)p.Value ?? "") ?? [];
        return _requirements.All(r => r(map));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string text)
    {
        if (SetRequirement().Match(text) is { Success: true } set)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return set.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }
        if (text.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = Split(text, "!=");
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }
        if (text.Contains('='))
        {
            var (key, value) = Split(text, text.Contains("==", StringComparison.Ordinal) ? "==" : "=");
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (text.StartsWith('!'))
        {
            var key = text[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }
        if (!KeyOnly().IsMatch(text)) throw ApiError.BadRequest($"unable to parse requirement: {text}");
        return labels => labels.ContainsKey(text);
    }

    private static (string, string) Split(string text, string op)
    {
        var at = text.IndexOf(op, StringComparison.Ordinal);
        return (text[..at].Trim(), text[(at + op.Length)..].Trim());
    }

    /// <summary>Splits on commas outside parentheses.</summary>
    [GeneratedRegex(@"[^,(]+(\([^)]*\))?")]
    private static partial Regex Requirement();

    [GeneratedRegex(@"^(?<key>[^\s!=]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^[A-Za-z0-9./_-]+$")]
    private static partial Regex KeyOnly();
}
