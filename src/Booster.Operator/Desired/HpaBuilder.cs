using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// The HorizontalPodAutoscaler (autoscaling/v2) of the Deployment, when <c>spec.autoscaling</c>
/// asks for <c>cpu</c>. For <c>concurrency</c> KEDA makes the HPA from the ScaledObject instead
/// (<see cref="ScaledObjectBuilder"/>): two HPAs on one Deployment would fight.
/// </summary>
internal static class HpaBuilder
{
    public static V2HorizontalPodAutoscaler? Build(BoosterRuntime runtime) => runtime.Spec.Autoscaling is not { Metric: AutoscalingSpec.Cpu } autoscaling ? null : new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Ownership.MetadataFor(runtime),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = runtime.Metadata.Name },
            MinReplicas = autoscaling.MinReplicas,
            MaxReplicas = autoscaling.MaxReplicas ?? autoscaling.MinReplicas,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = autoscaling.TargetCPUUtilizationPercentage },
                    },
                },
            ],
            Behavior = Behavior(autoscaling),
        },
    };

    /// <summary>Scaling behaviour from the spec: how long the load must stay lower before pods are removed.</summary>
    public static V2HorizontalPodAutoscalerBehavior Behavior(AutoscalingSpec autoscaling) => new()
    {
        ScaleDown = new V2HPAScalingRules { StabilizationWindowSeconds = autoscaling.ScaleDownStabilizationSeconds },
    };
}
