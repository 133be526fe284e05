using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Booster.Operator.Desired;

/// <summary>
/// Where <c>spec.modules.settings</c> lands in a pod: the owned ConfigMap and the folder it is
/// mounted at, each module's file folders and their volumes, and the variables that carry a
/// module's own data-import URLs. Every name derives from the module's name alone, so adding,
/// removing or reordering one module's settings never renames another's volume or variable.
/// </summary>
internal static partial class ModuleSettingsLayout
{
    /// <summary>The owned ConfigMap is the runtime's name with this suffix, so it never takes a module ConfigMap's name.</summary>
    public const string ConfigMapSuffix = "-settings";

    public const string ConfigKey = "booster.yaml";
    public const string ConfigVolumeName = "module-settings";

    /// <summary>
    /// The ConfigMap is mounted as a folder, never with subPath: the kubelet refreshes a mounted
    /// ConfigMap's folder in place (subPath mounts never change), which is how a change of settings
    /// alone reaches running pods without a rollout.
    /// </summary>
    public const string ConfigMountPath = "/etc/booster/settings";

    public const string ConfigPath = ConfigMountPath + "/" + ConfigKey;

    /// <summary>A module's folders are /etc/booster/files/&lt;module&gt;/&lt;n&gt;, n its index in <c>files</c>.</summary>
    public const string FilesRoot = "/etc/booster/files";

    public const string RedisImport = "REDIS";
    public const string PostgresImport = "POSTGRES";

    public static string ConfigMapName(string runtimeName) => runtimeName + ConfigMapSuffix;

    public static string FilesPath(string module, int index) => $"{FilesRoot}/{module}/{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A volume name is a DNS label (63 characters) but a module name is not: a hash of the module
    /// name keeps it valid and distinct, the mount path keeps it readable.
    /// </summary>
    public static string FilesVolumeName(string module, int index) => $"files-{Hash(module, 10)}-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The variable of a module's own URL of <paramref name="import"/> (<see cref="RedisImport"/>
    /// or <see cref="PostgresImport"/>): BOOSTER_MODULE_&lt;NAME&gt;_POSTGRES_URL, the name upper-cased
    /// with every other character as '_'. That is one-to-one only for names of lowercase letters,
    /// digits and '_'; any other name also carries a hash of itself, so that hello-world and
    /// hello_world never share a variable.
    /// </summary>
    public static string UrlVariable(string module, string import)
    {
        var upper = string.Concat(module.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
        var distinct = LosslessName().IsMatch(module) ? upper : $"{upper}_{Hash(module, 8).ToUpperInvariant()}";
        return $"BOOSTER_MODULE_{distinct}_{import}_URL";
    }

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LosslessName();
}
