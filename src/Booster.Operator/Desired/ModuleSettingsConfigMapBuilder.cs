using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>The owned ConfigMap holding the rendered booster.yaml; none without settings.</summary>
internal static class ModuleSettingsConfigMapBuilder
{
    public static V1ConfigMap? Build(BoosterRuntime runtime)
    {
        if (ModuleSettingsPod.SettingsOf(runtime.Spec.Modules) is not { } settings) return null;
        var metadata = Ownership.MetadataFor(runtime);
        metadata.Name = ModuleSettingsLayout.ConfigMapName(runtime.Metadata.Name);
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = metadata,
            Data = new Dictionary<string, string> { [ModuleSettingsLayout.ConfigKey] = ModuleSettingsFile.Render(settings) },
        };
    }
}
