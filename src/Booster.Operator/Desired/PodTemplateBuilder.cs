using Booster.Contract;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>The pod template of the runtime Deployment, with the config hash of everything else in it.</summary>
internal static class PodTemplateBuilder
{
    public static V1PodTemplateSpec Build(BoosterRuntime runtime, DesiredStateOptions options)
    {
        var spec = runtime.Spec;
        var pod = spec.Pod ?? new Api.PodSpec();
        var modules = ModuleVolume.For(spec.Modules);
        var cache = CacheVolume.For(spec.Cache);

        var initContainers = new[] { MaxMapCountInitContainer.For(spec.Node, options), modules?.InitContainer }
            .OfType<V1Container>().ToList();
        var volumes = new List<V1Volume> { new() { Name = RuntimeContainer.TmpVolumeName, EmptyDir = new V1EmptyDirVolumeSource() } };
        if (modules is not null) volumes.Add(modules.Volume);
        volumes.Add(cache.Volume);
        volumes.AddRange(ModuleSettingsPod.Volumes(runtime));

        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                // User labels first, so that the operator's own labels win (validation rejects clashes anyway).
                Labels = Merge(pod.Labels, Labels.For(runtime)),
                Annotations = Merge(pod.Annotations, null),
            },
            Spec = new V1PodSpec
            {
                InitContainers = initContainers.Count > 0 ? initContainers : null,
                Containers = [RuntimeContainer.Build(spec, modules, cache, options)],
                Volumes = volumes,
                // SIGTERM starts the runtime's drain: the delay, then the runs waiting and in flight.
                TerminationGracePeriodSeconds = ShutdownBudget.GracePeriodSeconds(RuntimeEnvBuilder.SettingsFor(spec, modulePath: null)),
                SecurityContext = SecurityContexts.Pod(pod.PlatformAssignsUser),
                NodeSelector = pod.NodeSelector,
                Tolerations = pod.Tolerations,
                Affinity = pod.Affinity,
                PriorityClassName = pod.PriorityClassName,
                ImagePullSecrets = pod.ImagePullSecrets,
            },
        };
        template.Metadata.Annotations[ConfigHash.Annotation] = ConfigHash.Of(template);
        return template;
    }

    private static Dictionary<string, string> Merge(IDictionary<string, string>? user, IDictionary<string, string>? own)
    {
        var merged = new Dictionary<string, string>(user ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in own ?? new Dictionary<string, string>()) merged[key] = value;
        return merged;
    }
}
