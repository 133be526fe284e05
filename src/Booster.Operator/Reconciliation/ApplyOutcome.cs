namespace Booster.Operator.Reconciliation;

/// <summary>The result of applying one desired object: what was done, the fields that had drifted, and the object as stored.</summary>
public sealed record ApplyOutcome(string Kind, string Name, ApplyAction Action, IReadOnlyList<string> Drift, object Object);
