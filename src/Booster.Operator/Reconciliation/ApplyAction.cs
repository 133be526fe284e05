namespace Booster.Operator.Reconciliation;

/// <summary>What applying one desired object did.</summary>
public enum ApplyAction
{
    Unchanged,
    Created,
    Updated,
}
