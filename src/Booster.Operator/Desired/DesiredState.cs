using Booster.Operator.Api;
using k8s;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>Everything one BoosterRuntime should own, in the order it is applied.</summary>
internal static class DesiredState
{
    /// <summary>The objects of a spec that <see cref="SpecValidator"/> accepted.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Build(BoosterRuntime runtime, DesiredStateOptions options)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>
        {
            DeploymentBuilder.Build(runtime, options),
            ServiceBuilder.Build(runtime),
        };
        if (HpaBuilder.Build(runtime) is { } hpa) objects.Add(hpa);
        if (ScaledObjectBuilder.Build(runtime, options) is { } scaledObject) objects.Add(scaledObject);
        if (PdbBuilder.Build(runtime) is { } pdb) objects.Add(pdb);
        if (NetworkPolicyBuilder.Build(runtime, options) is { } networkPolicy) objects.Add(networkPolicy);
        // First, so that new pods find the settings they mount.
        if (ModuleSettingsConfigMapBuilder.Build(runtime) is { } settings) objects.Insert(0, settings);
        return objects;
    }
}
