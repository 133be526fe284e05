using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// What the API server does to the built-in objects the operator writes (Deployments, Services,
/// HorizontalPodAutoscalers, PodDisruptionBudgets, NetworkPolicies) on every write: normalises values (an empty
/// string in a field that omits empty values is dropped, quantities take their canonical form),
/// fills a few defaults, and validates — answering 422 with the field's path, as the real
/// validation does, for the rules the operator's objects could break.
/// </summary>
internal static class BuiltInObjects
{
    /// <summary>Fields that are maps of strings, whose empty values are kept.</summary>
    private static readonly HashSet<string> StringMaps = ["labels", "annotations", "nodeSelector", "matchLabels", "selector", "data"];

    private static readonly HashSet<string> Kinds = ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"];

    private static readonly HashSet<string> VolumeFields = ["name"];

    public static bool Covers(ApiResource resource) => resource.Group is "" or "apps" or "autoscaling" or "policy" or "networking.k8s.io" && Kinds.Contains(resource.Kind);

    public static void Normalize(JsonObject obj)
    {
        foreach (var (key, value) in obj.ToList())
        {
            switch (value)
            {
                case JsonValue v when v.TryGetValue<string>(out var text) && text.Length == 0:
                    obj.Remove(key);
                    break;
                case JsonObject child when key is "requests" or "limits":
                    foreach (var (resource, quantity) in child.ToList())
                        if (quantity is JsonValue q && q.TryGetValue<string>(out var s)) child[resource] = Canonical(s);
                    break;
                case JsonObject child when !StringMaps.Contains(key):
                    Normalize(child);
                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>()) Normalize(item);
                    break;
            }
        }
    }

    /// <summary>Defaults the operator's objects meet; they are owned by no manager, as on a real server.</summary>
    public static void Default(string kind, JsonObject obj, long serial)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec is null) return;
        switch (kind)
        {
            case "Deployment":
                spec["replicas"] ??= 1;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["revisionHistoryLimit"] ??= 10;
                if (spec["template"]?["spec"] is JsonObject pod)
                {
                    pod["restartPolicy"] ??= "Always";
                    pod["dnsPolicy"] ??= "ClusterFirst";
                    foreach (var container in Containers(pod))
                    {
                        container["terminationMessagePath"] ??= "/dev/termination-log";
                        container["imagePullPolicy"] ??= ((string?)container["image"])?.EndsWith(":latest", StringComparison.Ordinal) == true ? "Always" : "IfNotPresent";
                        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>()) port["protocol"] ??= "TCP";
                    }
                }
                break;
            case "Service":
                spec["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                spec["clusterIP"] ??= $"10.96.{serial / 250 % 250}.{serial % 250 + 1}";
                foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    port["protocol"] ??= "TCP";
                    port["targetPort"] ??= port["port"]?.DeepClone();
                }
                break;
            case "NetworkPolicy":
                NetworkPolicyRules.Default(spec);
                break;
        }
    }

    /// <summary>422 with every problem found, as the API server lists them.</summary>
    public static void Validate(string kind, JsonObject obj)
    {
        var errors = new List<string>();
        var spec = obj["spec"] as JsonObject;
        if ((obj["metadata"]?["ownerReferences"] as JsonArray ?? []).Count(o => (bool?)o?["controller"] == true) > 1)
            errors.Add("metadata.ownerReferences: Invalid value: Only one reference can have Controller set to true");
        switch (kind)
        {
            case "Deployment":
                var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
                if (matchLabels is null) errors.Add("spec.selector: Required value");
                var labels = spec?["template"]?["metadata"]?["labels"] as JsonObject;
                if (matchLabels is not null && matchLabels.Any(p => (string?)labels?[p.Key] != (string?)p.Value))
                    errors.Add("spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
                if (spec?["template"]?["spec"] is JsonObject pod) ValidatePod(pod, "spec.template.spec", errors);
                else errors.Add("spec.template.spec: Required value");
                break;
            case "Service":
                var ports = (spec?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                if (ports.Count == 0 && (string?)spec?["clusterIP"] != "None") errors.Add("spec.ports: Required value");
                Unique(ports, "name", "spec.ports", errors);
                if (ports.Count > 1 && ports.Any(p => p["name"] is null)) errors.Add("spec.ports: Required value: name is required when there is more than one port");
                break;
            case "HorizontalPodAutoscaler":
                if ((int?)spec?["maxReplicas"] is not { } max || max < 1) errors.Add("spec.maxReplicas: Invalid value: must be at least 1");
                else if ((int?)spec?["minReplicas"] is { } min && min > max) errors.Add($"spec.minReplicas: Invalid value: {min}: must be less than or equal to maxReplicas");
                if (spec?["scaleTargetRef"]?["name"] is null) errors.Add("spec.scaleTargetRef.name: Required value");
                break;
            case "PodDisruptionBudget":
                if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
                    errors.Add("spec: Invalid value: minAvailable and maxUnavailable cannot be both set");
                break;
            case "NetworkPolicy":
                NetworkPolicyRules.Validate(spec, errors);
                break;
        }
        if (errors.Count > 0)
            throw ApiError.Invalid($"{kind} \"{obj["metadata"]?["name"]}\" is invalid: [{string.Join(", ", errors)}]");
    }

    private static void ValidatePod(JsonObject pod, string path, List<string> errors)
    {
        var containers = (pod["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var init = (pod["initContainers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (containers.Count == 0) errors.Add($"{path}.containers: Required value");
        var volumes = (pod["volumes"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        Unique(volumes, "name", $"{path}.volumes", errors);
        for (var i = 0; i < volumes.Count; i++)
        {
            var sources = volumes[i].Where(p => !VolumeFields.Contains(p.Key) && p.Value is not null).Select(p => p.Key).ToList();
            if (sources.Count != 1)
                errors.Add(sources.Count == 0
                    ? $"{path}.volumes[{i}]: Required value: must specify a volume type"
                    : $"{path}.volumes[{i}].{sources[1]}: Forbidden: may not specify more than 1 volume type");
        }
        var volumeNames = volumes.Select(v => (string?)v["name"]).ToHashSet();
        var seen = new HashSet<string?>();
        foreach (var (list, field) in new[] { (init, "initContainers"), (containers, "containers") })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                var at = $"{path}.{field}[{i}]";
                var name = (string?)c["name"];
                if (string.IsNullOrEmpty(name)) errors.Add($"{at}.name: Required value");
                else if (!seen.Add(name)) errors.Add($"{at}.name: Duplicate value: \"{name}\"");
                if (c["image"] is null) errors.Add($"{at}.image: Required value");
                var env = (c["env"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                Unique(env, "name", $"{at}.env", errors);
                for (var e = 0; e < env.Count; e++)
                    if (env[e]["value"] is not null && env[e]["valueFrom"] is not null)
                        errors.Add($"{at}.env[{e}].valueFrom: Invalid value: may not be specified when `value` is not empty");
                var ports = (c["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                Unique(ports, "name", $"{at}.ports", errors);
                Unique(ports, "containerPort", $"{at}.ports", errors);
                var mounts = (c["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                for (var m = 0; m < mounts.Count; m++)
                    if (!volumeNames.Contains((string?)mounts[m]["name"]))
                        errors.Add($"{at}.volumeMounts[{m}].name: Not found: \"{mounts[m]["name"]}\"");
            }
        }
    }

    private static void Unique(List<JsonObject> items, string key, string path, List<string> errors)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < items.Count; i++)
            if (items[i][key] is { } value && !seen.Add(value.ToJsonString()))
                errors.Add($"{path}[{i}].{key}: Duplicate value: {value.ToJsonString()}");
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        new[] { pod["initContainers"], pod["containers"] }.OfType<JsonArray>().SelectMany(list => list.OfType<JsonObject>());

    private static string Canonical(string quantity)
    {
        try
        {
            return new ResourceQuantity(quantity).CanonicalizeString();
        }
        catch (FormatException)
        {
            throw ApiError.Invalid($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {quantity.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
