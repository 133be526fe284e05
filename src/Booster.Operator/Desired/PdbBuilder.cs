using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// A PodDisruptionBudget when the pool has more than one pod at its smallest. It allows one
/// pod down at a time, which works for any replica count (a minAvailable would block
/// draining a node whenever the pool sits at exactly that count).
/// </summary>
internal static class PdbBuilder
{
    public static V1PodDisruptionBudget? Build(BoosterRuntime runtime)
    {
        var fewestReplicas = runtime.Spec.Autoscaling?.MinReplicas ?? runtime.Spec.Replicas;
        if (fewestReplicas <= 1) return null;
        return new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Ownership.MetadataFor(runtime),
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                Selector = new V1LabelSelector { MatchLabels = Labels.Selector(runtime) },
            },
        };
    }
}
