using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>The Deployment of runtime pods.</summary>
internal static class DeploymentBuilder
{
    public static V1Deployment Build(BoosterRuntime runtime, DesiredStateOptions options) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Ownership.MetadataFor(runtime),
        Spec = new V1DeploymentSpec
        {
            // With autoscaling the HPA owns the replica count; writing it here would fight the HPA.
            Replicas = runtime.Spec.Autoscaling is null ? runtime.Spec.Replicas : null,
            Selector = new V1LabelSelector { MatchLabels = Labels.Selector(runtime) },
            Template = PodTemplateBuilder.Build(runtime, options),
        },
    };
}
