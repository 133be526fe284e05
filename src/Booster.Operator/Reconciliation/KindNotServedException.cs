namespace Booster.Operator.Reconciliation;

/// <summary>
/// An optional owned kind whose CustomResourceDefinition is not installed (the API server answers
/// 404 to its apply). The reconcile goes on with every other object and then reports it.
/// </summary>
internal sealed class KindNotServedException(OwnedKind kind, Exception inner) : InvalidOperationException(kind.NotServedMessage, inner)
{
    public OwnedKind Kind { get; } = kind;
}
