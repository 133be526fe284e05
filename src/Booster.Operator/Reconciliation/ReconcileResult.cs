namespace Booster.Operator.Reconciliation;

/// <summary>How a reconcile that did not throw ended; the label of the reconcile counter.</summary>
internal enum ReconcileResult
{
    /// <summary>The owned objects match the spec and the status says so.</summary>
    Success,

    /// <summary>The spec was rejected and reported; nothing was applied. Retried when the spec changes.</summary>
    InvalidSpec,

    /// <summary>The BoosterRuntime is being deleted: nothing is applied while the garbage collector removes what it owns.</summary>
    Deleting,

    /// <summary>The BoosterRuntime is gone; its owned objects go with it (ownerReferences).</summary>
    NotFound,

    /// <summary>
    /// Everything else is applied, but the autoscaler of the other metric is not gone yet, so the
    /// new one waits: checked again after a backoff.
    /// </summary>
    Waiting,
}
