using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Booster.Operator.Rendering;

/// <summary>
/// Multi-document YAML to JSON, resolving plain scalars the way kubectl's YAML reader
/// (YAML 1.1) does: <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c> are booleans, <c>~</c> and
/// <c>null</c> are null, numbers are numbers, and quoted scalars are always strings. The JSON
/// then goes through the same deserializer as objects read from the API server.
/// </summary>
internal static partial class YamlDocuments
{
    /// <summary>The documents of a YAML stream; empty documents are left out.</summary>
    /// <exception cref="YamlException">The text is not YAML; the message names the line.</exception>
    public static IReadOnlyList<JsonNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Where(document => document.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(document => ToJson(document.RootNode))
            .OfType<JsonNode>()
            .ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair => KeyValuePair.Create(Key(pair.Key), ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } text }
        ? text
        : throw new YamlException(key.Start, key.End, "a mapping key must be a plain value");

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || IsExplicitString(scalar.Tag)) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (TrueWords.Contains(text)) return JsonValue.Create(true);
        if (FalseWords.Contains(text)) return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static bool IsExplicitString(YamlDotNet.Core.TagName tag) =>
        !tag.IsEmpty && !tag.IsNonSpecific && tag.Value == "tag:yaml.org,2002:str";

    private static readonly HashSet<string> TrueWords = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> FalseWords = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
