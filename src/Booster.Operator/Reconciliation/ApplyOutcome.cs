using Booster.Operator.Watching;

namespace Booster.Operator.Reconciliation;

/// <summary>The result of applying one desired object: what was done, the fields that differed, and the object as stored.</summary>
internal sealed record ApplyOutcome(string Kind, string Name, ApplyAction Action, IReadOnlyList<string> Drift, ObjectDocument Object);
