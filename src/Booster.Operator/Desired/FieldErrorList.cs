using System.Globalization;
using Booster.Contract;
using Booster.Operator.Api;

namespace Booster.Operator.Desired;

/// <summary>Collects field errors, with the checks that many fields share.</summary>
internal sealed partial class FieldErrorList : List<FieldError>
{
    public void Add(string path, string message) => Add(new FieldError(path, message));

    /// <summary>Checks <paramref name="value"/> against the bounds of <paramref name="boundsPath"/> (a list item's field: no index), or else of <paramref name="path"/>.</summary>
    public void InRange(string path, long value, string? boundsPath = null)
    {
        var bounds = FieldLimits.For(boundsPath ?? path);
        if (value < bounds.Minimum || value > (bounds.Maximum ?? long.MaxValue))
            Add(path, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: expected {Describe(bounds, n => n.ToString(CultureInfo.InvariantCulture))}");
    }

    public void Size(string path, ByteQuantity? size, string? boundsPath = null)
    {
        if (size is null) return;
        var bounds = FieldLimits.For(boundsPath ?? path);
        if (!size.TryGetBytes(out var bytes) || bytes < (ulong)bounds.Minimum || bytes > (ulong)(bounds.Maximum ?? long.MaxValue))
            Add(path, $"'{size.Text}' is invalid: expected {ByteSize.AcceptedForm}, {Describe(bounds, n => ByteSize.Format((ulong)n))}");
    }

    public void OneOf(string path, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            Add(path, $"'{value}' is not one of {string.Join(", ", allowed)}");
    }

    public void Required(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(path, "required");
    }

    /// <summary>The name of an object in the namespace (ConfigMap, Secret, claim): a DNS-1123 subdomain.</summary>
    public void ObjectName(string path, string? name)
    {
        if (string.IsNullOrEmpty(name)) Add(path, "required");
        else if (name.Length > 253 || !Dns1123Subdomain().IsMatch(name))
            Add(path, $"'{name}' is not a valid object name (lowercase letters, digits, '-' and '.')");
    }

    /// <summary>A reference to a key of a Secret in the namespace.</summary>
    public void SecretKeyRef(string path, SecretKeyReference secret)
    {
        ObjectName($"{path}.name", secret.Name);
        if (string.IsNullOrEmpty(secret.Key)) Add($"{path}.key", "required");
        else if (secret.Key.Length > 253 || !SecretKey().IsMatch(secret.Key))
            Add($"{path}.key", $"'{secret.Key}' is not a valid Secret key (letters, digits, '-', '_' and '.')");
    }

    private static string Describe(FieldLimits.Bounds bounds, Func<long, string> format) =>
        bounds.Maximum is { } max ? $"from {format(bounds.Minimum)} to {format(max)}" : $"at least {format(bounds.Minimum)}";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Dns1123Subdomain();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-._a-zA-Z0-9]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    public static partial System.Text.RegularExpressions.Regex SecretKey();
}
