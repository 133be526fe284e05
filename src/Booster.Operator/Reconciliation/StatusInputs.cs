using Booster.Operator.Api;
using Booster.Operator.Desired;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>What one reconcile observed, from which <see cref="StatusCalculator"/> derives the status.</summary>
/// <param name="Generation">metadata.generation of the BoosterRuntime.</param>
/// <param name="Selector">The pods' label selector as text.</param>
/// <param name="SpecErrors">Problems of the spec; non-empty means nothing was applied.</param>
/// <param name="Deployment">The runtime Deployment as last seen (after this reconcile's write, if any), or null.</param>
/// <param name="Failure">Why applying the desired state failed, or null when it did not.</param>
/// <param name="Previous">The status before this reconcile, whose condition times carry over.</param>
/// <param name="ScaledObject">KEDA's ScaledObject as last seen, when the runtime scales on concurrency (or still has one); else null.</param>
internal sealed record StatusInputs(
    long Generation,
    string Selector,
    IReadOnlyList<FieldError> SpecErrors,
    V1Deployment? Deployment,
    string? Failure,
    BoosterRuntimeStatus? Previous,
    ScaledObjectObservation? ScaledObject = null);
