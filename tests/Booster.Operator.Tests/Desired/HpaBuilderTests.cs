using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class HpaBuilderTests
{
    [Fact]
    public void ThereIsNoneWithoutAutoscaling() => HpaBuilder.Build(Runtimes.FromSpecYaml()).Should().BeNull();

    [Fact]
    public void ScalesTheDeploymentOnCpuUtilisation()
    {
        var hpa = HpaBuilder.Build(Runtimes.FromSpecYaml("autoscaling: {minReplicas: 2, maxReplicas: 7, targetCPUUtilizationPercentage: 65}"))!;

        hpa.ApiVersion.Should().Be("autoscaling/v2");
        hpa.Spec.ScaleTargetRef.Should().BeEquivalentTo(new { ApiVersion = "apps/v1", Kind = "Deployment", Name = Runtimes.Name });
        hpa.Spec.MinReplicas.Should().Be(2);
        hpa.Spec.MaxReplicas.Should().Be(7);
        var metric = hpa.Spec.Metrics.Should().ContainSingle().Subject;
        metric.Resource.Name.Should().Be("cpu");
        metric.Resource.Target.Type.Should().Be("Utilization");
        metric.Resource.Target.AverageUtilization.Should().Be(65);
    }

    [Fact]
    public void DefaultsToOneReplicaAtLeastAndEightyPercent()
    {
        var hpa = HpaBuilder.Build(Runtimes.FromSpecYaml("autoscaling: {maxReplicas: 3}"))!;

        hpa.Spec.MinReplicas.Should().Be(1);
        hpa.Spec.Metrics.Single().Resource.Target.AverageUtilization.Should().Be(80);
    }
}
