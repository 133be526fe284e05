using System.Net;
using k8s.Models;

namespace Booster.Operator.Desired;

/// <summary>
/// Checks of a NetworkPolicy ipBlock, as the API server makes them: <c>cidr</c> is a CIDR
/// (IPv4 or IPv6, e.g. 10.0.0.0/8), and each <c>except</c> entry a CIDR of the same family
/// strictly inside it.
/// </summary>
internal static class IpBlockValidation
{
    public const string AcceptedForm = "an address and prefix length such as 10.0.0.0/8 or 2001:db8::/32";

    public static void Validate(string path, V1IPBlock block, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(block.Cidr))
        {
            errors.Add($"{path}.cidr", $"required: {AcceptedForm}");
            return;
        }
        if (!IPNetwork.TryParse(block.Cidr, out var cidr))
        {
            errors.Add($"{path}.cidr", $"'{block.Cidr}' is not a CIDR: expected {AcceptedForm}");
            return;
        }
        for (var i = 0; i < (block.Except?.Count ?? 0); i++)
        {
            var text = block.Except![i];
            if (!IPNetwork.TryParse(text, out var except))
                errors.Add($"{path}.except[{i}]", $"'{text}' is not a CIDR: expected {AcceptedForm}");
            else if (except.BaseAddress.AddressFamily != cidr.BaseAddress.AddressFamily
                     || except.PrefixLength <= cidr.PrefixLength || !cidr.Contains(except.BaseAddress))
                errors.Add($"{path}.except[{i}]", $"'{text}' must lie strictly inside cidr {block.Cidr}");
        }
    }
}
