using System.Text.RegularExpressions;
using Booster.Contract;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>Checks of <c>spec.modules</c>: exactly one source, and each source's fields.</summary>
internal static partial class ModulesValidation
{
    public static IReadOnlyList<string> PullPolicies { get; } = ["Always", "IfNotPresent", "Never"];

    public static void Validate(ModulesSpec? modules, FieldErrorList errors)
    {
        if (modules is null) return;
        var sources = new object?[] { modules.ConfigMap, modules.PersistentVolumeClaim, modules.Image }.Count(s => s is not null);
        if (sources != 1)
            errors.Add("spec.modules", $"set exactly one of configMap, persistentVolumeClaim or image (found {sources})");

        if (modules.ConfigMap is { } configMap) ObjectName("spec.modules.configMap.name", configMap.Name, errors);
        if (modules.PersistentVolumeClaim is { } claim)
        {
            ObjectName("spec.modules.persistentVolumeClaim.claimName", claim.ClaimName, errors);
            if (claim.Path is { } path && (path.StartsWith('/') || HasParentSegment(path)))
                errors.Add("spec.modules.persistentVolumeClaim.path", $"'{path}' must be relative to the volume's root, without '..'");
        }
        if (modules.Image is { } image) ValidateImage(image, errors);
        if (modules.Default is { } name && !RuntimeSettingsParser.IsValidModuleName(name))
            errors.Add("spec.modules.default", $"'{name}' is not a module name: {RuntimeSettingsParser.ModuleNameForm}");
    }

    private static void ValidateImage(ImageModuleSource image, FieldErrorList errors)
    {
        errors.Required("spec.modules.image.reference", image.Reference);
        if (!image.Path.StartsWith('/') || image.Path.Trim('/').Length == 0 || HasParentSegment(image.Path))
            errors.Add("spec.modules.image.path", $"'{image.Path}' must be an absolute path below '/', without '..'");
        errors.OneOf("spec.modules.image.pullPolicy", image.PullPolicy, PullPolicies);
    }

    public static void ObjectName(string path, string? name, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(name)) errors.Add(path, "required");
        else if (name.Length > 253 || !Dns1123Subdomain().IsMatch(name))
            errors.Add(path, $"'{name}' is not a valid object name (lowercase letters, digits, '-' and '.')");
    }

    private static bool HasParentSegment(string path) => path.Split('/').Contains("..");

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();
}
