using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// How the modules of <c>spec.modules</c> reach the runtime container: a volume, its mount,
/// an optional init container that fills it, and the <c>BOOSTER_PATH</c> that points into it.
/// </summary>
internal sealed record ModuleVolume(V1Volume Volume, V1VolumeMount Mount, V1Container? InitContainer, string ModulePath)
{
    public const string VolumeName = "modules";
    public const string MountPath = "/booster/modules";
    public const string CopyContainerName = "copy-modules";

    /// <summary>The volume for the one source that is set; null when none is (the image's own modules).</summary>
    public static ModuleVolume? For(ModulesSpec? modules) => modules switch
    {
        { ConfigMap: { } configMap } => FromConfigMap(configMap),
        { PersistentVolumeClaim: { } claim } => FromClaim(claim),
        { Image: { } image } => FromImage(image),
        _ => null,
    };

    private static V1VolumeMount ReadOnlyMount() => new() { Name = VolumeName, MountPath = MountPath, ReadOnlyProperty = true };

    private static ModuleVolume FromConfigMap(ConfigMapModuleSource source) => new(
        new V1Volume { Name = VolumeName, ConfigMap = new V1ConfigMapVolumeSource { Name = source.Name } },
        ReadOnlyMount(), null, MountPath);

    private static ModuleVolume FromClaim(PersistentVolumeClaimModuleSource source) => new(
        new V1Volume
        {
            Name = VolumeName,
            PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = source.ClaimName, ReadOnlyProperty = true },
        },
        ReadOnlyMount(), null,
        string.IsNullOrEmpty(source.Path) ? MountPath : $"{MountPath}/{source.Path.Trim('/')}");

    /// <summary>
    /// Copies <c>path</c> out of the module image into an emptyDir with the image's own
    /// <c>cp</c>: portable to every cluster, unlike image volumes. <c>cp -R src dir/</c> keeps
    /// the last path segment, so a file stays a file (hello.wasm) and a directory a directory.
    /// </summary>
    private static ModuleVolume FromImage(ImageModuleSource source)
    {
        var path = source.Path.TrimEnd('/');
        var copy = new V1Container
        {
            Name = CopyContainerName,
            Image = source.Reference,
            ImagePullPolicy = source.PullPolicy,
            Command = ["cp", "-R", path, MountPath + "/"],
            VolumeMounts = [new V1VolumeMount { Name = VolumeName, MountPath = MountPath }],
            SecurityContext = SecurityContexts.Restricted(),
            Resources = DefaultResources.ModuleCopy(),
        };
        return new ModuleVolume(
            new V1Volume { Name = VolumeName, EmptyDir = new V1EmptyDirVolumeSource() },
            ReadOnlyMount(), copy,
            $"{MountPath}/{path[(path.LastIndexOf('/') + 1)..]}");
    }
}
