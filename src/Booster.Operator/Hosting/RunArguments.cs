using System.Globalization;
using Booster.Operator.Desired;
using Booster.Operator.Reconciliation;

namespace Booster.Operator.Hosting;

/// <summary>
/// The arguments of <c>booster-operator run</c>, each with an environment fallback (for a
/// Deployment's env). Pure: the environment is passed in.
/// </summary>
internal sealed record RunArguments
{
    public const string NamespaceVariable = "BOOSTER_OPERATOR_NAMESPACE";
    public const string LeaderElectVariable = "BOOSTER_OPERATOR_LEADER_ELECT";
    public const string MetricsAddressVariable = "BOOSTER_OPERATOR_METRICS_ADDRESS";
    public const string RuntimeImageVariable = "BOOSTER_OPERATOR_RUNTIME_IMAGE";
    public const string NodeTuningImageVariable = "BOOSTER_OPERATOR_NODE_TUNING_IMAGE";
    public const string WorkersVariable = "BOOSTER_OPERATOR_WORKERS";
    public const string PrometheusAddressVariable = "BOOSTER_OPERATOR_PROMETHEUS_ADDRESS";
    public const string ScrapeNamespaceVariable = "BOOSTER_OPERATOR_SCRAPE_NAMESPACE";
    public const string LeaseNameVariable = "BOOSTER_OPERATOR_LEASE_NAME";

    /// <summary>Where a pod finds its namespace when the downward API does not set POD_NAMESPACE.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public const string Usage =
        $"""
        Usage: booster-operator run [--kubeconfig PATH] [--namespace NS] [--leader-elect[=true|false]]
                                    [--metrics-address URL] [--runtime-image IMAGE] [--node-tuning-image IMAGE]
                                    [--lease-name NAME] [--lease-namespace NS] [--workers N]
                                    [--prometheus-address URL] [--scrape-namespace NS]

        Runs the controller: reconciles every BoosterRuntime into its Deployment, Service,
        HorizontalPodAutoscaler and PodDisruptionBudget, and keeps their status.

          --kubeconfig PATH          kubeconfig to use (env KUBECONFIG); default: in-cluster, else ~/.kube/config
          --namespace NS             watch one namespace (env BOOSTER_OPERATOR_NAMESPACE); default: all
          --leader-elect             reconcile only while holding a Lease (env BOOSTER_OPERATOR_LEADER_ELECT)
          --lease-name NAME          name of the Lease (env BOOSTER_OPERATOR_LEASE_NAME); default 'booster-operator'
          --lease-namespace NS       namespace of the Lease (env POD_NAMESPACE); default: the pod's, else 'default'
          --metrics-address URL      where /healthz, /readyz and /metrics listen (env BOOSTER_OPERATOR_METRICS_ADDRESS); default http://0.0.0.0:8080
          --runtime-image IMAGE      runtime image for BoosterRuntimes that name none (env BOOSTER_OPERATOR_RUNTIME_IMAGE)
          --node-tuning-image IMAGE  image of the init container that raises vm.max_map_count (env BOOSTER_OPERATOR_NODE_TUNING_IMAGE); default {DesiredStateOptions.DefaultNodeTuningImage}
          --workers N                reconciles at once, 1 to 64 (env BOOSTER_OPERATOR_WORKERS); default 2
          --prometheus-address URL   Prometheus that KEDA queries for concurrency autoscaling when a BoosterRuntime names none (env BOOSTER_OPERATOR_PROMETHEUS_ADDRESS); default {DesiredStateOptions.DefaultPrometheusServerAddress}
          --scrape-namespace NS      namespace whose pods scrape the runtimes, always admitted by spec.access NetworkPolicies (env BOOSTER_OPERATOR_SCRAPE_NAMESPACE); default {DesiredStateOptions.DefaultMetricsScrapeNamespace}

        """;

    public OperatorOptions Options { get; init; } = new();

    public string? Kubeconfig { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments after <c>run</c>; on a problem returns null and says what is wrong.</summary>
    public static RunArguments? Parse(IReadOnlyList<string> args, Func<string, string?> env, out string? problem)
    {
        problem = null;
        var values = new Dictionary<string, string?>
        {
            ["--kubeconfig"] = Env(env, "KUBECONFIG"),
            ["--namespace"] = Env(env, NamespaceVariable),
            ["--leader-elect"] = Env(env, LeaderElectVariable),
            ["--metrics-address"] = Env(env, MetricsAddressVariable),
            ["--runtime-image"] = Env(env, RuntimeImageVariable),
            ["--node-tuning-image"] = Env(env, NodeTuningImageVariable),
            ["--lease-name"] = Env(env, LeaseNameVariable),
            ["--lease-namespace"] = Env(env, "POD_NAMESPACE"),
            ["--workers"] = Env(env, WorkersVariable),
            ["--prometheus-address"] = Env(env, PrometheusAddressVariable),
            ["--scrape-namespace"] = Env(env, ScrapeNamespaceVariable),
        };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (name is "-h" or "--help") return new RunArguments { Help = true };
            if (!values.ContainsKey(name))
            {
                problem = $"unknown option '{args[i]}'";
                return null;
            }
            if (inline is not null) values[name] = inline;
            else if (name == "--leader-elect") values[name] = "true";
            else if (i + 1 < args.Count) values[name] = args[++i];
            else
            {
                problem = $"{name} needs a value";
                return null;
            }
        }

        if (!TryParseBool(values["--leader-elect"], out var leaderElect))
        {
            problem = $"--leader-elect / {LeaderElectVariable}: '{values["--leader-elect"]}' is not true or false";
            return null;
        }
        var workers = 2;
        if (values["--workers"] is { } w && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out workers) || workers is < 1 or > 64))
        {
            problem = $"--workers / {WorkersVariable}: '{w}' is not a number from 1 to 64";
            return null;
        }
        if (values["--prometheus-address"] is { } prometheus
            && !(Uri.TryCreate(prometheus, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problem = $"--prometheus-address / {PrometheusAddressVariable}: '{prometheus}' is not an http or https URL";
            return null;
        }
        if (values["--scrape-namespace"] is { } scrape && !IsNamespaceName(scrape))
        {
            problem = $"--scrape-namespace / {ScrapeNamespaceVariable}: '{scrape}' is not a namespace name";
            return null;
        }
        if (values["--lease-name"] is { } lease && !IsObjectName(lease))
        {
            problem = $"--lease-name / {LeaseNameVariable}: '{lease}' is not an object name (lowercase letters, digits, '-' and '.', at most 253)";
            return null;
        }
        var defaults = new OperatorOptions();
        return new RunArguments
        {
            Kubeconfig = values["--kubeconfig"],
            Options = defaults with
            {
                Namespace = values["--namespace"],
                LeaderElect = leaderElect,
                LeaseName = values["--lease-name"] ?? defaults.LeaseName,
                LeaseNamespace = values["--lease-namespace"] ?? ReadServiceAccountNamespace() ?? defaults.LeaseNamespace,
                Identity = Env(env, "POD_NAME") ?? defaults.Identity,
                MetricsAddress = values["--metrics-address"] ?? defaults.MetricsAddress,
                Workers = workers,
                Desired = DesiredStateOptions.Default with
                {
                    RuntimeImage = values["--runtime-image"] ?? DesiredStateOptions.DefaultRuntimeImage,
                    NodeTuningImage = values["--node-tuning-image"] ?? DesiredStateOptions.DefaultNodeTuningImage,
                    PrometheusServerAddress = values["--prometheus-address"] ?? DesiredStateOptions.DefaultPrometheusServerAddress,
                    MetricsScrapeNamespace = values["--scrape-namespace"] ?? DesiredStateOptions.DefaultMetricsScrapeNamespace,
                },
            },
        };
    }

    /// <summary>An empty variable counts as unset, as Kubernetes env entries often are.</summary>
    private static string? Env(Func<string, string?> env, string name) => env(name) is { Length: > 0 } value ? value : null;

    private static bool IsObjectName(string name) =>
        name.Length <= 253 && System.Text.RegularExpressions.Regex.IsMatch(name, @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private static bool TryParseBool(string? text, out bool value)
    {
        value = false;
        if (text is null) return true;
        return bool.TryParse(text, out value);
    }

    /// <summary>A DNS-1123 label, as namespace names are.</summary>
    private static bool IsNamespaceName(string name) =>
        name.Length is > 0 and <= 63 && name[0] != '-' && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string? ReadServiceAccountNamespace()
    {
        try
        {
            return File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
