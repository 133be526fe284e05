using System.Text.Json.Nodes;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// Server-side apply (<c>PATCH</c> with <c>application/apply-patch+yaml</c>) as the API server
/// does it: the manager comes to own exactly the fields it sent; a field it sent before and
/// leaves out now is removed unless another manager owns it too; keyed lists merge item by item;
/// setting a field another manager owns to a different value is a conflict (409) unless forced,
/// and forcing takes the field over. Sending the value a field already has shares it.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>The object after the apply (not yet stored); <paramref name="stored"/> is null for a create.</summary>
    public static JsonObject Apply(JsonObject? stored, JsonObject body, string manager, bool force, string apiVersion, string now)
    {
        var applied = FieldSet.Of(body);
        var entries = ManagedFields.Read(stored);
        var live = stored?.DeepClone().AsObject() ?? new JsonObject { ["metadata"] = new JsonObject() };
        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == ManagedFieldsEntry.Apply);
        var others = entries.Where(e => e != mine).ToList();

        var conflicts = new List<string>();
        foreach (var leaf in FieldSet.Leaves(applied).Where(l => l[^1] != "."))
        {
            if (FieldSet.Get(live, leaf) is not { } have || JsonNode.DeepEquals(have, FieldSet.Get(body, leaf))) continue;
            foreach (var other in others.Where(o => FieldSet.Contains(o.Fields, leaf)))
            {
                if (force) FieldSet.Remove(other.Fields, leaf);
                else conflicts.Add($"conflict with \"{other.Manager}\" using {other.ApiVersion}: {Describe(leaf)}");
            }
        }
        if (conflicts.Count > 0)
            throw new ApiError(409, "Conflict", $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: {string.Join("; ", conflicts.Distinct())}");

        // Items first: a field removed before its item would leave the item without its key.
        var dropped = FieldSet.Leaves(mine?.Fields ?? new JsonObject()).Where(leaf => !FieldSet.Contains(applied, leaf))
            .OrderBy(leaf => leaf[^1] == "." ? 0 : 1).ThenBy(leaf => leaf.Length).ToList();
        foreach (var leaf in dropped)
        {
            var field = leaf[^1] == "." ? leaf[..^1] : leaf;
            if (!others.Any(o => FieldSet.Contains(o.Fields, field))) FieldSet.RemoveFrom(live, leaf);
        }

        foreach (var (key, value) in body)
        {
            if (key == "metadata") FieldSet.Merge(live["metadata"]!.AsObject(), AppliedMetadata(value!.AsObject()));
            else if (value is not null) FieldSet.Merge(live, new JsonObject { [key] = value.DeepClone() });
        }

        var unchanged = mine is not null && JsonNode.DeepEquals(mine.Fields, applied);
        others.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, apiVersion, unchanged ? mine!.Time : now, applied));
        ManagedFields.Write(live, others);
        return live;
    }

    private static JsonObject AppliedMetadata(JsonObject metadata) => new(metadata
        .Where(p => p.Key is "labels" or "annotations" or "ownerReferences" or "finalizers" && p.Value is not null)
        .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())));

    /// <summary>A path as kubectl prints it: <c>.spec.template.spec.containers[name="runtime"].image</c>.</summary>
    public static string Describe(string[] path) => string.Concat(path.Select(segment => segment switch
    {
        "." => "",
        _ when segment.StartsWith("f:", StringComparison.Ordinal) => "." + segment[2..],
        _ => "[" + string.Join(",", JsonNode.Parse(segment[2..])!.AsObject().Select(p => $"{p.Key}={p.Value!.ToJsonString()}")) + "]",
    }));
}
