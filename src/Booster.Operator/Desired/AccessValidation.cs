using System.Text.RegularExpressions;
using Booster.Operator.Api;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>Checks of <c>spec.access</c>: what a NetworkPolicy and a Secret reference need.</summary>
internal static partial class AccessValidation
{
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public static void Validate(AccessSpec? access, FieldErrorList errors)
    {
        if (access is null) return;
        for (var i = 0; i < (access.AllowFrom?.Count ?? 0); i++)
        {
            var peer = access.AllowFrom![i];
            var path = $"spec.access.allowFrom[{i}]";
            if (peer.IpBlock is not null && (peer.NamespaceSelector is not null || peer.PodSelector is not null))
                errors.Add(path, "an ipBlock stands alone: put the selectors in an item of their own");
            else if (peer.NamespaceSelector is null && peer.PodSelector is null && peer.IpBlock is null)
                errors.Add(path, "needs a namespaceSelector, a podSelector or both (an empty selector {} matches everything), or an ipBlock");
            if (peer.IpBlock is { } block) IpBlockValidation.Validate($"{path}.ipBlock", block, errors);
            ValidateSelector($"{path}.namespaceSelector", peer.NamespaceSelector, errors);
            ValidateSelector($"{path}.podSelector", peer.PodSelector, errors);
        }
        if (access.TokenSecretRef is { } secret)
        {
            if (string.IsNullOrEmpty(secret.Name)) errors.Add("spec.access.tokenSecretRef.name", "required");
            else if (secret.Name.Length > 253 || !Dns1123Subdomain().IsMatch(secret.Name))
                errors.Add("spec.access.tokenSecretRef.name", $"'{secret.Name}' is not a Secret name (lowercase letters, digits, '-' and '.')");
            if (string.IsNullOrEmpty(secret.Key)) errors.Add("spec.access.tokenSecretRef.key", "required");
            else if (secret.Key.Length > 253 || !SecretKey().IsMatch(secret.Key))
                errors.Add("spec.access.tokenSecretRef.key", $"'{secret.Key}' is not a Secret key (letters, digits, '-', '_' and '.')");
        }
    }

    private static void ValidateSelector(string path, V1LabelSelector? selector, FieldErrorList errors)
    {
        for (var i = 0; i < (selector?.MatchExpressions?.Count ?? 0); i++)
        {
            var expression = selector!.MatchExpressions![i];
            var at = $"{path}.matchExpressions[{i}]";
            if (!Operators.Contains(expression.OperatorProperty, StringComparer.Ordinal))
                errors.Add($"{at}.operator", $"'{expression.OperatorProperty}' is not one of {string.Join(", ", Operators)}");
            else if (expression.OperatorProperty is "In" or "NotIn" && (expression.Values?.Count ?? 0) == 0)
                errors.Add($"{at}.values", $"{expression.OperatorProperty} needs at least one value");
            else if (expression.OperatorProperty is "Exists" or "DoesNotExist" && (expression.Values?.Count ?? 0) > 0)
                errors.Add($"{at}.values", $"{expression.OperatorProperty} takes no values");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();
}
