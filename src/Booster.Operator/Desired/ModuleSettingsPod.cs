using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// What <c>spec.modules.settings</c> adds to the runtime pod: the owned ConfigMap mounted
/// read-only as a folder, with <c>BOOSTER_MODULES_CONFIG</c> pointing into it; each module's
/// files as read-only volumes; each module's own data-import URL from its Secret. None of it
/// depends on the settings' values, only on which files and URLs there are, so a change of
/// limits, env or key prefixes changes only the ConfigMap and reaches the pods without a rollout,
/// while adding a folder or a URL rolls them. Modules are taken in name order, so reordering the
/// list changes nothing. Each part is empty without settings.
/// </summary>
internal static class ModuleSettingsPod
{
    /// <summary>The settings of a validated spec in name order; null when there are none.</summary>
    public static IReadOnlyList<ModuleSettingsSpec>? SettingsOf(ModulesSpec? modules) =>
        modules?.Settings is { Count: > 0 } settings ? settings.OrderBy(m => m.Name, StringComparer.Ordinal).ToList() : null;

    public static IEnumerable<V1Volume> Volumes(BoosterRuntime runtime)
    {
        if (SettingsOf(runtime.Spec.Modules) is not { } settings) yield break;
        yield return new V1Volume
        {
            Name = ModuleSettingsLayout.ConfigVolumeName,
            ConfigMap = new V1ConfigMapVolumeSource { Name = ModuleSettingsLayout.ConfigMapName(runtime.Metadata.Name) },
        };
        foreach (var module in settings)
            for (var i = 0; i < (module.Files?.Count ?? 0); i++)
                yield return FilesVolume(ModuleSettingsLayout.FilesVolumeName(module.Name!, i), module.Files![i]);
    }

    public static IEnumerable<V1VolumeMount> Mounts(ModulesSpec? modules)
    {
        if (SettingsOf(modules) is not { } settings) yield break;
        yield return new V1VolumeMount { Name = ModuleSettingsLayout.ConfigVolumeName, MountPath = ModuleSettingsLayout.ConfigMountPath, ReadOnlyProperty = true };
        foreach (var module in settings)
            for (var i = 0; i < (module.Files?.Count ?? 0); i++)
                yield return new V1VolumeMount
                {
                    Name = ModuleSettingsLayout.FilesVolumeName(module.Name!, i),
                    MountPath = ModuleSettingsLayout.FilesPath(module.Name!, i),
                    ReadOnlyProperty = true,
                };
    }

    /// <summary>The file the runtime reads (BOOSTER_MODULES_CONFIG, written with the other BOOSTER_* variables), when there are settings.</summary>
    public static string? ConfigPath(ModulesSpec? modules) => SettingsOf(modules) is null ? null : ModuleSettingsLayout.ConfigPath;

    /// <summary>The variables that carry each module's own data-import URLs from their Secrets.</summary>
    public static IEnumerable<V1EnvVar> Env(ModulesSpec? modules)
    {
        if (SettingsOf(modules) is not { } settings) yield break;
        foreach (var module in settings)
            foreach (var (variable, _) in UrlVariables(module, ""))
                yield return variable;
    }

    /// <summary>The variables a module's own URLs are read into (<see cref="ModuleSettingsLayout.UrlVariable"/>), each with the field under <paramref name="path"/> that sets it.</summary>
    public static IEnumerable<(V1EnvVar Variable, string Field)> UrlVariables(ModuleSettingsSpec module, string path)
    {
        var imports = module.DataImports;
        if (imports?.Redis is { Enabled: not false, UrlSecretRef: { } redis })
            yield return (SecretEnvVar.From(ModuleSettingsLayout.UrlVariable(module.Name!, ModuleSettingsLayout.RedisImport), redis),
                $"{path}.dataImports.redis.urlSecretRef");
        if (imports?.Postgres is { Enabled: not false, UrlSecretRef: { } postgres })
            yield return (SecretEnvVar.From(ModuleSettingsLayout.UrlVariable(module.Name!, ModuleSettingsLayout.PostgresImport), postgres),
                $"{path}.dataImports.postgres.urlSecretRef");
    }

    private static V1Volume FilesVolume(string name, ModuleFilesSpec files)
    {
        if (files.Secret is { } secret)
            return new V1Volume { Name = name, Secret = new V1SecretVolumeSource { SecretName = secret.Name, Items = Items(secret) } };
        var configMap = files.ConfigMap!;
        return new V1Volume { Name = name, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap.Name, Items = Items(configMap) } };
    }

    private static List<V1KeyToPath>? Items(ModuleFilesSource source) =>
        source.Items?.Select(item => new V1KeyToPath { Key = item.Key, Path = item.Path }).ToList();
}
