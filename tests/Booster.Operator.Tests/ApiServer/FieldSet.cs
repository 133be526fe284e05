using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Sets of fields in the API server's <c>FieldsV1</c> form (<c>{"f:spec":{"f:replicas":{}}}</c>),
/// the unit of server-side apply's ownership. A path is a list of segments: <c>f:name</c> for an
/// object field, <c>k:{"name":"x"}</c> for the item of a keyed list, <c>.</c> for the item itself.
/// Lists merge by key as Kubernetes' schemas declare for the fields the operator writes
/// (containers, initContainers, env, volumes, ports, volumeMounts, ownerReferences, conditions,
/// imagePullSecrets); every other list is atomic (one value, replaced whole).
/// </summary>
internal static class FieldSet
{
    private static readonly Dictionary<string, string[]> KeyedLists = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["ownerReferences"] = ["uid"],
        ["conditions"] = ["type"],
    };

    /// <summary>Metadata fields that take part in apply; the rest belong to the server.</summary>
    private static readonly string[] AppliedMetadata = ["labels", "annotations", "ownerReferences", "finalizers"];

    /// <summary>The key fields of the items of list <paramref name="field"/>, or null when the list is atomic.</summary>
    public static string[]? KeyOf(string field, JsonArray items)
    {
        if (KeyedLists.TryGetValue(field, out var key)) return key;
        if (field != "ports") return null;
        // Container ports are keyed by containerPort and protocol, Service ports by port and protocol.
        return items.Any(i => i?["containerPort"] is not null) ? ["containerPort", "protocol"] : ["port", "protocol"];
    }

    /// <summary>The fields an object sets (metadata only where apply owns it, never status).</summary>
    public static JsonObject Of(JsonObject obj)
    {
        var set = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is null || key is "apiVersion" or "kind" or "status") continue;
            if (key == "metadata")
            {
                var metadata = new JsonObject(value.AsObject()
                    .Where(p => AppliedMetadata.Contains(p.Key) && p.Value is not null)
                    .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())));
                if (metadata.Count > 0) set["f:metadata"] = Of(metadata);
                continue;
            }
            set["f:" + key] = Node(key, value);
        }
        return set;
    }

    private static JsonObject Node(string field, JsonNode value)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                var set = new JsonObject();
                foreach (var (key, child) in obj)
                    if (child is not null) set["f:" + key] = Node(key, child);
                return set;
            case JsonArray items when KeyOf(field, items) is { } key:
                var list = new JsonObject();
                foreach (var item in items.OfType<JsonObject>())
                {
                    var itemSet = Node("", item);
                    itemSet["."] = new JsonObject();
                    list[ItemSegment(key, item)] = itemSet;
                }
                return list;
            default:
                return new JsonObject();
        }
    }

    /// <summary>The segment of a keyed item; a port's protocol is TCP when not given, as the schema defaults it before merging.</summary>
    public static string ItemSegment(string[] key, JsonObject item) =>
        "k:" + new JsonObject(key
            .Select(k => KeyValuePair.Create(k, item[k]?.DeepClone() ?? (k == "protocol" ? JsonValue.Create("TCP") : null)))
            .Where(p => p.Value is not null)).ToJsonString();

    /// <summary>Every leaf path of a set: fields with a value, and keyed items themselves (ending in <c>.</c>).</summary>
    public static IEnumerable<string[]> Leaves(JsonObject set, string[]? prefix = null)
    {
        prefix ??= [];
        foreach (var (segment, child) in set)
        {
            var path = prefix.Append(segment).ToArray();
            if (child is JsonObject { Count: > 0 } inner)
                foreach (var leaf in Leaves(inner, path)) yield return leaf;
            else yield return path;
        }
    }

    public static bool Contains(JsonObject set, string[] path)
    {
        JsonNode? node = set;
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
            if (node is null) return false;
        }
        return true;
    }

    public static void Remove(JsonObject set, string[] path)
    {
        var parents = new List<JsonObject> { set };
        foreach (var segment in path[..^1])
        {
            if (parents[^1][segment] is not JsonObject next) return;
            parents.Add(next);
        }
        parents[^1].Remove(path[^1]);
        // Drop parents left empty, so an emptied set is {}.
        for (var i = parents.Count - 1; i > 0 && parents[i].Count == 0; i--) parents[i - 1].Remove(path[i - 1]);
    }

    public static void Add(JsonObject set, string[] path)
    {
        var node = set;
        foreach (var segment in path)
            node = node[segment] as JsonObject ?? (JsonObject)(node[segment] = new JsonObject());
    }

    /// <summary>The value at a path of an object (an item for a path ending in <c>.</c>), or null.</summary>
    public static JsonNode? Get(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        string? field = null;
        foreach (var segment in path)
        {
            if (segment == ".") return node;
            node = Step(node, segment, ref field);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>
    /// Removes the field (or keyed item) at a path of an object, if present, and every object or
    /// list above it that this leaves empty (below the top level).
    /// </summary>
    public static void RemoveFrom(JsonObject obj, string[] path)
    {
        if (path[^1] == ".") path = path[..^1];
        var nodes = new List<JsonNode> { obj };
        string? field = null;
        foreach (var segment in path[..^1])
        {
            if (Step(nodes[^1], segment, ref field) is not { } next) return;
            nodes.Add(next);
        }
        Detach(nodes[^1], path[^1], field);
        for (var i = nodes.Count - 1; i > 1 && nodes[i] is JsonObject { Count: 0 } or JsonArray { Count: 0 }; i--)
            Detach(nodes[i - 1], path[i - 1], i >= 2 ? FieldOf(path[i - 2]) : null);
    }

    private static string? FieldOf(string segment) => segment.StartsWith("f:", StringComparison.Ordinal) ? segment[2..] : null;

    private static void Detach(JsonNode parent, string segment, string? listField)
    {
        if (segment.StartsWith("f:", StringComparison.Ordinal)) (parent as JsonObject)?.Remove(segment[2..]);
        else if (parent is JsonArray items && Find(items, segment, listField) is { } item) items.Remove(item);
    }

    private static JsonNode? Step(JsonNode? node, string segment, ref string? field)
    {
        if (segment.StartsWith("f:", StringComparison.Ordinal))
        {
            field = segment[2..];
            return (node as JsonObject)?[field];
        }
        return node is JsonArray items ? Find(items, segment, field) : null;
    }

    private static JsonObject? Find(JsonArray items, string segment, string? field)
    {
        var key = field is null ? null : KeyOf(field, items);
        return key is null ? null : items.OfType<JsonObject>().FirstOrDefault(i => ItemSegment(key, i) == segment);
    }

    /// <summary>Merges an applied object into a live one: objects field by field, keyed lists item by item, the rest replaced.</summary>
    public static void Merge(JsonObject live, JsonObject applied)
    {
        foreach (var (key, value) in applied)
        {
            if (value is null) continue;
            live[key] = (live[key], value) switch
            {
                (JsonObject have, JsonObject want) => Merged(have, want),
                (JsonArray have, JsonArray want) when KeyOf(key, want) is { } itemKey => MergedList(have, want, itemKey),
                _ => value.DeepClone(),
            };
        }
    }

    private static JsonObject Merged(JsonObject have, JsonObject want)
    {
        var copy = have.DeepClone().AsObject();
        Merge(copy, want);
        return copy;
    }

    private static JsonArray MergedList(JsonArray have, JsonArray want, string[] key)
    {
        var result = have.DeepClone().AsArray();
        foreach (var item in want.OfType<JsonObject>())
        {
            var segment = ItemSegment(key, item);
            var index = result.ToList().FindIndex(i => i is JsonObject o && ItemSegment(key, o) == segment);
            if (index < 0) result.Add(item.DeepClone());
            else result[index] = Merged(result[index]!.AsObject(), item);
        }
        return result;
    }
}
