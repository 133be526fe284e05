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
