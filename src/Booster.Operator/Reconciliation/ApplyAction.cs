namespace Booster.Operator.Reconciliation;

/// <summary>What applying one desired object did.</summary>
internal enum ApplyAction
{
    Unchanged,
    Created,
    Updated,
}
