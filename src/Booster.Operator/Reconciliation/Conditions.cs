using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>Condition list arithmetic that keeps the Kubernetes conventions.</summary>
internal static class Conditions
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    /// <summary>
    /// The new conditions, each with <c>lastTransitionTime</c> carried over from the previous
    /// condition of its type when the status did not change, and <paramref name="now"/> when it did:
    /// the time says when the condition last flipped, not when it was last written.
    /// </summary>
    public static IList<V1Condition> Merge(IEnumerable<V1Condition>? previous, IEnumerable<V1Condition> next, DateTime now)
    {
        var before = (previous ?? []).Where(c => c.Type is not null).GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First());
        return next.Select(condition =>
        {
            var transitioned = !before.TryGetValue(condition.Type, out var old) || old.Status != condition.Status;
            return new V1Condition
            {
                Type = condition.Type,
                Status = condition.Status,
                Reason = condition.Reason,
                Message = condition.Message,
                ObservedGeneration = condition.ObservedGeneration,
                LastTransitionTime = transitioned ? Truncate(now) : old!.LastTransitionTime,
            };
        }).ToList();
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>Kubernetes times carry whole seconds; a finer time would never compare equal after a round trip.</summary>
    private static DateTime Truncate(DateTime time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
