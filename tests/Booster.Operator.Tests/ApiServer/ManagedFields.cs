using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>One entry of <c>metadata.managedFields</c>: the fields one manager owns through one operation.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, JsonObject Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public JsonObject ToJson() => new()
    {
        ["manager"] = Manager,
        ["operation"] = Operation,
        ["apiVersion"] = ApiVersion,
        ["time"] = Time,
        ["fieldsType"] = "FieldsV1",
        ["fieldsV1"] = Fields.DeepClone(),
    };
}

/// <summary>
/// Field ownership as the API server records it in <c>metadata.managedFields</c>. An apply makes
/// its manager own exactly the fields it sent; any other write makes its manager own the fields
/// it changed, taking them from the others; fields that disappear are owned by nobody.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject? obj) =>
        (obj?["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
            (string?)e["manager"] ?? "", (string?)e["operation"] ?? ManagedFieldsEntry.Update, (string?)e["apiVersion"] ?? "",
            (string?)e["time"] ?? "", e["fieldsV1"] as JsonObject is { } fields ? fields.DeepClone().AsObject() : new JsonObject())).ToList();

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = entries.Where(e => e.Fields.Count > 0).Select(e => (JsonNode?)e.ToJson()).ToArray();
        var metadata = obj["metadata"]!.AsObject();
        if (list.Length == 0) metadata.Remove("managedFields");
        else metadata["managedFields"] = new JsonArray(list);
    }

    /// <summary>Ownership after a write that is not an apply (create, update, patch) by <paramref name="manager"/>.</summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, string now)
    {
        var entries = Read(before);
        var oldSet = before is null ? new JsonObject() : FieldSet.Of(before);
        var newSet = FieldSet.Of(after);
        var changed = FieldSet.Leaves(newSet)
            .Where(leaf => before is null || (leaf[^1] == "." ? FieldSet.Get(before, leaf) is null : !JsonNode.DeepEquals(FieldSet.Get(before, leaf), FieldSet.Get(after, leaf))))
            .ToList();
        var removed = FieldSet.Leaves(oldSet).Where(leaf => !FieldSet.Contains(newSet, leaf)).ToList();
        foreach (var entry in entries)
            foreach (var leaf in changed.Concat(removed))
                FieldSet.Remove(entry.Fields, leaf);
        if (changed.Count > 0)
        {
            var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == ManagedFieldsEntry.Update);
            if (mine is null) entries.Add(mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, apiVersion, now, new JsonObject()));
            foreach (var leaf in changed) FieldSet.Add(mine.Fields, leaf);
            entries[entries.IndexOf(mine)] = mine with { Time = now };
        }
        Write(after, entries);
    }
}
