using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>The Service in front of the runtime pods.</summary>
internal static class ServiceBuilder
{
    public static V1Service Build(BoosterRuntime runtime)
    {
        var metadata = Ownership.MetadataFor(runtime);
        metadata.Annotations = runtime.Spec.Service.Annotations;
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = metadata,
            Spec = new V1ServiceSpec
            {
                Type = runtime.Spec.Service.Type,
                Selector = Labels.Selector(runtime),
                Ports = [new V1ServicePort
                {
                    Name = RuntimeContainer.PortName,
                    Port = runtime.Spec.Service.Port,
                    TargetPort = RuntimeContainer.PortName,
                    Protocol = "TCP",
                }],
            },
        };
    }
}
