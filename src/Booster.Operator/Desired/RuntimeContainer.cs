using Booster.Contract;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>The runtime container: image, BOOSTER_* env, port, probes, resources, restricted security context.</summary>
internal static class RuntimeContainer
{
    public const string Name = "runtime";
    public const string PortName = "http";
    public const string ReadyPath = "/ready";
    public const string HealthPath = "/health";

    /// <summary>The root filesystem is read-only; .NET still wants a writable /tmp.</summary>
    public const string TmpVolumeName = "tmp";

    public static V1Container Build(BoosterRuntimeSpec spec, ModuleVolume? modules, CacheVolume cache, DesiredStateOptions options)
    {
        var mounts = new List<V1VolumeMount> { new() { Name = TmpVolumeName, MountPath = "/tmp" } };
        if (modules is not null) mounts.Add(modules.Mount);
        mounts.Add(cache.Mount);
        mounts.AddRange(ModuleSettingsPod.Mounts(spec.Modules));
        return new V1Container
        {
            Name = Name,
            Image = spec.Image ?? options.RuntimeImage,
            Env = RuntimeEnvBuilder.Build(spec, modules?.ModulePath),
            Ports = [new V1ContainerPort { Name = PortName, ContainerPort = RuntimeSettings.Defaults.Port, Protocol = "TCP" }],
            ReadinessProbe = Probe(ReadyPath, periodSeconds: 5),
            LivenessProbe = Probe(HealthPath, periodSeconds: 10),
            Resources = cache.WithStorageRequest(DefaultResources.RuntimeOr(spec.Resources)),
            SecurityContext = SecurityContexts.Restricted(),
            VolumeMounts = mounts,
        };
    }

    private static V1Probe Probe(string path, int periodSeconds) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = PortName },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = 3,
    };
}
