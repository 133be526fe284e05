using System.Globalization;
using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Server-side printing: the <c>meta.k8s.io/v1</c> Table that <c>kubectl get</c> asks for
/// (<c>Accept: application/json;as=Table;…</c>). Columns are Name, then a CRD's
/// additionalPrinterColumns (simple <c>.a.b</c> JSON paths, as in this project's CRD), or Age
/// for built-in kinds; date columns print as an age, as the API server does.
/// </summary>
internal static partial class TableConverter
{
    private static readonly PrinterColumn AgeColumn = new("Age", "date", ".metadata.creationTimestamp", "");

    public static JsonObject Convert(ApiResource resource, IEnumerable<JsonObject> objects, long revision, DateTime now)
    {
        var columns = resource.PrinterColumns is { Count: > 0 } printer ? printer : [AgeColumn];
        var definitions = new JsonArray { Column("Name", "string", "name", "Name must be unique within a namespace.") };
        foreach (var column in columns) definitions.Add(Column(column.Name, column.Type, "", column.Description));
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray { obj["metadata"]?["name"]?.DeepClone() };
            foreach (var column in columns) cells.Add(Cell(column, Select(obj, column.JsonPath), now));
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                },
            });
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>Human age as kubectl shows it: 45s, 3m, 5h, 2d.</summary>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 0 } => "0s",
        { TotalMinutes: < 2 } => $"{(int)age.TotalSeconds}s",
        { TotalHours: < 2 } => $"{(int)age.TotalMinutes}m",
        { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };

    /// <summary>A printer column's JSONPath: fields (<c>.a.b</c>) and list filters on a field's value (<c>[?(@.type=="Available")]</c>).</summary>
    private static JsonNode? Select(JsonObject obj, string path) =>
        PathStep().Matches(path).Aggregate((JsonNode?)obj, (node, step) => step.Groups["field"].Success
            ? (node as JsonObject)?[step.Groups["field"].Value]
            : (node as JsonArray)?.FirstOrDefault(item => (string?)item?[step.Groups["key"].Value] == step.Groups["value"].Value));

    [System.Text.RegularExpressions.GeneratedRegex("""\.(?<field>[A-Za-z0-9_]+)|\[\?\(@\.(?<key>[A-Za-z0-9_]+)=="(?<value>[^"]*)"\)\]""")]
    private static partial System.Text.RegularExpressions.Regex PathStep();

    private static JsonNode? Cell(PrinterColumn column, JsonNode? value, DateTime now)
    {
        if (value is null) return null;
        if (column.Type == "date" && DateTime.TryParse((string?)value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return Age(now - time);
        return value.DeepClone();
    }

    private static JsonObject Column(string name, string type, string format, string description) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = 0,
    };
}
