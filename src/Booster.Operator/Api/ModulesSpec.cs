using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>Where the runtime loads its modules from: exactly one of the three sources.</summary>
internal sealed class ModulesSpec
{
    /// <summary>Modules are the keys of a ConfigMap (e.g. <c>hello.wasm</c> in binaryData, <c>hello.wat</c> in data).</summary>
    [JsonPropertyName("configMap")]
    public ConfigMapModuleSource? ConfigMap { get; set; }

    /// <summary>Modules are files on a PersistentVolumeClaim, mounted read-only.</summary>
    [JsonPropertyName("persistentVolumeClaim")]
    public PersistentVolumeClaimModuleSource? PersistentVolumeClaim { get; set; }

    /// <summary>Modules are files inside an OCI image, copied out by an init container.</summary>
    [JsonPropertyName("image")]
    public ImageModuleSource? Image { get; set; }

    /// <summary>Module that <c>POST /run</c> executes (<c>BOOSTER_DEFAULT_MODULE</c>); null means the newest.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; set; }

    /// <summary>Modules' own limits, environment, files and data-import grants, rendered into the runtime's booster.yaml.</summary>
    [JsonPropertyName("settings")]
    public IList<ModuleSettingsSpec>? Settings { get; set; }
}
