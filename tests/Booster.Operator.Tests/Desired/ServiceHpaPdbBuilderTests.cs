using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class ServiceBuilderTests
{
    [Fact]
    public void IsAClusterIPOn2678ForwardingToHttp()
    {
        var service = ServiceBuilder.Build(Runtimes.FromSpecYaml());

        service.Spec.Type.Should().Be("ClusterIP");
        var port = service.Spec.Ports.Should().ContainSingle().Subject;
        port.Port.Should().Be(2678);
        port.TargetPort.Value.Should().Be("http");
        service.Spec.Selector.Should().Equal(Labels.Selector(Runtimes.FromSpecYaml()));
        service.Metadata.Annotations.Should().BeNull();
    }

    [Fact]
    public void TakesTypePortAndAnnotationsFromTheSpec()
    {
        var service = ServiceBuilder.Build(Runtimes.FromSpecYaml("service: {type: LoadBalancer, port: 80, annotations: {lb: internal}}"));

        service.Spec.Type.Should().Be("LoadBalancer");
        service.Spec.Ports.Single().Port.Should().Be(80);
        service.Spec.Ports.Single().TargetPort.Value.Should().Be("http");
        service.Metadata.Annotations.Should().Equal(new Dictionary<string, string> { ["lb"] = "internal" });
    }
}

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

public class PdbBuilderTests
{
    [Theory]
    [InlineData("replicas: 1")]
    [InlineData("replicas: 0")]
    [InlineData("replicas: 5\nautoscaling: {minReplicas: 1, maxReplicas: 5}")]
    public void ThereIsNoneWhenThePoolCanShrinkToOnePod(string specYaml) =>
        PdbBuilder.Build(Runtimes.FromSpecYaml(specYaml)).Should().BeNull();

    [Theory]
    [InlineData("")]
    [InlineData("replicas: 3")]
    [InlineData("replicas: 1\nautoscaling: {minReplicas: 2, maxReplicas: 5}")]
    public void AllowsOnePodDownAtATimeWhenThereAreMore(string specYaml)
    {
        var runtime = Runtimes.FromSpecYaml(specYaml);
        var pdb = PdbBuilder.Build(runtime)!;

        pdb.ApiVersion.Should().Be("policy/v1");
        pdb.Spec.MaxUnavailable.Value.Should().Be("1");
        pdb.Spec.Selector.MatchLabels.Should().Equal(Labels.Selector(runtime));
    }
}
