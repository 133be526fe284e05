using System.Text.Json.Nodes;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The object to write back when <see cref="Drift"/> found a difference: the object as the
/// cluster has it, with every field the operator sets put back. Fields others set stay
/// (clusterIP, which cannot change; resourceVersion, which makes the write conditional).
/// Lists of the same length merge element by element, so defaults inside a container survive;
/// otherwise the desired list replaces the actual one.
/// </summary>
public static class Overlay
{
    public static JsonObject Apply(JsonObject actual, JsonObject desired)
    {
        var result = actual.DeepClone().AsObject();
        Merge(result, desired);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject desired)
    {
        foreach (var (key, value) in desired)
        {
            if (value is null) continue;
            target[key] = (target[key], value) switch
            {
                (JsonObject have, JsonObject want) => MergedObject(have, want),
                (JsonArray have, JsonArray want) when have.Count == want.Count => MergedArray(have, want),
                _ => value.DeepClone(),
            };
        }
    }

    private static JsonObject MergedObject(JsonObject have, JsonObject want)
    {
        var copy = have.DeepClone().AsObject();
        Merge(copy, want);
        return copy;
    }

    private static JsonArray MergedArray(JsonArray have, JsonArray want) => new(want
        .Select((item, i) => item is JsonObject wantItem && have[i] is JsonObject haveItem ? MergedObject(haveItem, wantItem) : item?.DeepClone())
        .ToArray());
}
