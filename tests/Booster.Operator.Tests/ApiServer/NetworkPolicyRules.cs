using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// The API server's defaults and validation of a NetworkPolicy (networking.k8s.io/v1), with its
/// messages: what a NetworkPolicy built from <c>spec.access.allowFrom</c> could get wrong — peers,
/// ports, policy types, and the label selectors in them.
/// </summary>
internal static partial class NetworkPolicyRules
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    private static readonly string[] PolicyTypes = ["Egress", "Ingress"];

    public static void Default(JsonObject spec)
    {
        foreach (var port in Items(spec, "ingress").Concat(Items(spec, "egress")).SelectMany(r => Items(r, "ports"))) port["protocol"] ??= "TCP";
        if (spec["policyTypes"] is null)
        {
            var types = new JsonArray("Ingress");
            if (spec["egress"] is JsonArray { Count: > 0 }) types.Add("Egress");
            spec["policyTypes"] = types;
        }
    }

    public static void Validate(JsonObject? spec, List<string> errors)
    {
        if (spec?["podSelector"] is not JsonObject podSelector)
        {
            errors.Add("spec.podSelector: Required value");
            return;
        }
        Selector(podSelector, "spec.podSelector", errors);
        var ingress = Items(spec, "ingress").ToList();
        for (var i = 0; i < ingress.Count; i++)
        {
            var at = $"spec.ingress[{i}]";
            var ports = Items(ingress[i], "ports").ToList();
            for (var p = 0; p < ports.Count; p++) Port(ports[p], $"{at}.ports[{p}]", errors);
            var peers = Items(ingress[i], "from").ToList();
            for (var f = 0; f < peers.Count; f++) Peer(peers[f], $"{at}.from[{f}]", errors);
        }
        var types = (spec["policyTypes"] as JsonArray ?? []).Select(t => (string?)t).ToList();
        if (types.Count > 2) errors.Add("spec.policyTypes: Invalid value: may not specify more than two policyTypes");
        for (var t = 0; t < types.Count; t++)
            if (!PolicyTypes.Contains(types[t]))
                errors.Add($"spec.policyTypes[{t}]: Unsupported value: \"{types[t]}\": supported values: \"Egress\", \"Ingress\"");
    }

    private static void Peer(JsonObject peer, string at, List<string> errors)
    {
        var kinds = 0;
        if (peer["podSelector"] is JsonObject pods)
        {
            kinds++;
            Selector(pods, $"{at}.podSelector", errors);
        }
        if (peer["namespaceSelector"] is JsonObject namespaces)
        {
            kinds++;
            Selector(namespaces, $"{at}.namespaceSelector", errors);
        }
        if (peer["ipBlock"] is not null)
        {
            if (kinds > 0) errors.Add($"{at}: Forbidden: may not specify both ipBlock and another peer");
            kinds++;
        }
        if (kinds == 0) errors.Add($"{at}: Required value: must specify a peer");
    }

    private static void Port(JsonObject port, string at, List<string> errors)
    {
        if ((string?)port["protocol"] is { } protocol && !Protocols.Contains(protocol))
            errors.Add($"{at}.protocol: Unsupported value: \"{protocol}\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        switch (port["port"])
        {
            case JsonValue number when number.TryGetValue<int>(out var value) && value is < 1 or > 65535:
                errors.Add($"{at}.port: Invalid value: {value}: must be between 1 and 65535, inclusive");
                break;
            case JsonValue name when name.TryGetValue<string>(out var text) && !PortName().IsMatch(text):
                errors.Add($"{at}.port: Invalid value: \"{text}\": must be a valid port name (IANA_SVC_NAME)");
                break;
        }
        if (port["endPort"] is not null && port["port"] is null) errors.Add($"{at}.endPort: Required value: must set port when endPort is set");
    }

    /// <summary>A metav1.LabelSelector as the API server checks one.</summary>
    private static void Selector(JsonObject selector, string at, List<string> errors)
    {
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            if (!LabelKey().IsMatch(key)) errors.Add($"{at}.matchLabels: Invalid value: \"{key}\": not a valid label key");
            if ((string?)value is { } text && !LabelValue().IsMatch(text)) errors.Add($"{at}.matchLabels: Invalid value: \"{text}\": not a valid label value");
        }
        var expressions = Items(selector, "matchExpressions").ToList();
        for (var e = 0; e < expressions.Count; e++)
        {
            var expression = expressions[e];
            var path = $"{at}.matchExpressions[{e}]";
            var values = expression["values"] as JsonArray ?? [];
            switch ((string?)expression["operator"])
            {
                case "In" or "NotIn" when values.Count == 0:
                    errors.Add($"{path}.values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist" when values.Count > 0:
                    errors.Add($"{path}.values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                case var other:
                    errors.Add($"{path}.operator: Invalid value: \"{other}\": not a valid selector operator");
                    break;
            }
            if ((string?)expression["key"] is not { } key || !LabelKey().IsMatch(key))
                errors.Add($"{path}.key: Invalid value: \"{expression["key"]}\": not a valid label key");
        }
    }

    private static IEnumerable<JsonObject> Items(JsonObject obj, string field) => (obj[field] as JsonArray ?? []).OfType<JsonObject>();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex PortName();
}
