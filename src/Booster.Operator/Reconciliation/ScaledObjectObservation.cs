using System.Text.Json;
using Booster.Operator.Watching;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// KEDA's ScaledObject of a runtime as the cache holds it: its name, and the conditions KEDA
/// reports in its status (Ready, Active, Fallback, Paused); null conditions when the object is
/// not (yet) there.
/// </summary>
internal sealed record ScaledObjectObservation(string Name, IReadOnlyList<V1Condition>? Conditions)
{
    /// <summary>KEDA's condition types that the runtime's status follows.</summary>
    public const string Ready = "Ready";
    public const string Fallback = "Fallback";

    public static ScaledObjectObservation Of(string name, ObjectDocument? scaledObject)
    {
        if (scaledObject is null) return new(name, null);
        var conditions = new List<V1Condition>();
        if (scaledObject.Rest.TryGetValue("status", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("conditions", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                conditions.Add(new V1Condition { Type = Text(item, "type"), Status = Text(item, "status"), Reason = Text(item, "reason"), Message = Text(item, "message") });
        }
        return new(name, conditions);
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
