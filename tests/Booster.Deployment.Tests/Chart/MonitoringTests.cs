using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Booster.Deployment.Tests.Support;
using Booster.Operator.Rendering;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;
using k8s.Models;

namespace Booster.Deployment.Tests.Chart;

/// <summary>
/// The chart's monitoring (PodMonitor for the runtimes, PrometheusRule, Grafana dashboards):
/// off by default, valid against prometheus-operator's schemas, and every alert and panel
/// reading metrics that the runtime and the operator really export.
/// </summary>
public partial class MonitoringTests
{
    private static readonly string[] AllOn = ["-f", Helm.CiValues("all-on-values.yaml")];

    private static async Task<IReadOnlyList<JsonNode>> RenderAllOnAsync() => await Helm.RenderAsync(AllOn);

    private static IEnumerable<JsonNode> Rules(JsonNode rule) =>
        rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!);

    private static IEnumerable<JsonNode> Dashboards(IEnumerable<JsonNode> objects) =>
        objects.OfKind("ConfigMap").Select(c => JsonNode.Parse((string)c["data"]!.AsObject().Single().Value!)!);

    private static IEnumerable<JsonNode> Panels(JsonNode dashboard) =>
        dashboard["panels"]!.AsArray().Select(p => p!).Where(p => (string?)p["type"] != "row");

    [SkippableFact]
    public async Task NothingOfItIsRenderedByDefault()
    {
        var kinds = (await Helm.RenderAsync()).Select(o => (string?)o["kind"]).ToList();

        kinds.Should().NotContain(["PodMonitor", "PrometheusRule", "ConfigMap", "ServiceMonitor"]);
    }

    [SkippableTheory]
    [InlineData("monitoring.runtimePodMonitor.enabled", "PodMonitor")]
    [InlineData("monitoring.prometheusRule.enabled", "PrometheusRule")]
    [InlineData("metrics.serviceMonitor.enabled", "ServiceMonitor")]
    public async Task AMonitoringKindTheClusterDoesNotServeIsRefusedSayingWhatToDo(string value, string kind)
    {
        Helm.SkipUnlessInstalled();
        string[] on = ["--set", $"{value}=true", "--set", "metrics.service.enabled=true"];

        var refused = await Helm.TemplateAsync(on);
        var served = await Helm.TemplateAsync([.. on, "--api-versions", $"monitoring.coreos.com/v1/{kind}"]);
        var unchecked_ = await Helm.TemplateAsync([.. on, "--set", "monitoring.requireCrds=false"]);

        refused.ExitCode.Should().NotBe(0);
        refused.Stderr.Should().Contain($"{value} is true, but the cluster does not serve monitoring.coreos.com/v1 {kind}")
            .And.Contain("install prometheus-operator's CRDs");
        served.ExitCode.Should().Be(0, served.ToString());
        YamlDocuments.Parse(served.Stdout).OfKind(kind).Should().ContainSingle();
        unchecked_.ExitCode.Should().Be(0, unchecked_.ToString());
    }

    [SkippableFact]
    public async Task EveryMonitoringObjectIsValidAgainstItsSchema()
    {
        KubernetesSchemas.SkipUnlessInstalled();
        var objects = await RenderAllOnAsync();
        var monitoring = objects.Where(o => (string?)o["kind"] is "PodMonitor" or "PrometheusRule" or "ServiceMonitor" or "ConfigMap").ToList();

        monitoring.Select(o => (string?)o["kind"]).Should().BeEquivalentTo(["PodMonitor", "PrometheusRule", "ServiceMonitor", "ConfigMap", "ConfigMap"]);
        (await KubernetesSchemas.ProblemsAsync(monitoring)).Should().BeEmpty();
    }

    /// <summary>Shows prometheus-operator's schemas are really applied: what its CRDs refuse, the validator refuses.</summary>
    [SkippableFact]
    public async Task TheValidatorRejectsABrokenRuleAndABrokenPodMonitor()
    {
        KubernetesSchemas.SkipUnlessInstalled();
        var objects = await RenderAllOnAsync();
        var rule = objects.Single("PrometheusRule").DeepClone();
        rule["spec"]!["groups"]![0]!["rules"]![0]!["for"] = "ten minutes";
        var monitor = objects.Single("PodMonitor").DeepClone();
        monitor["spec"]!["podMetricsEndpoints"]![0]!["scheme"] = "gopher";

        var problems = await KubernetesSchemas.ProblemsAsync([rule, monitor]);

        problems.Should().Contain(p => p.StartsWith("PrometheusRule/", StringComparison.Ordinal) && p.Contains("/spec/groups/0/rules/0/for"))
            .And.Contain(p => p.StartsWith("PodMonitor/", StringComparison.Ordinal) && p.Contains("/spec/podMetricsEndpoints/0/scheme"));
    }

    [SkippableFact]
    public async Task TheRuleCarriesItsAdditionalLabelsAndCoversEverySymptom()
    {
        var rule = (await RenderAllOnAsync()).Single("PrometheusRule");

        ((string?)rule["metadata"]!["labels"]!["release"]).Should().Be("prometheus");
        Rules(rule).Select(r => (string?)r["alert"]).Should().BeEquivalentTo(
            "BoosterRuntimeHighErrorRatio", "BoosterRuntimeHighLatency", "BoosterRuntimeQueueSaturated", "BoosterRuntimeOverloaded",
            "BoosterRuntimeAtMaxReplicasWithQueue", "BoosterRuntimeGuestFailuresRising", "BoosterRuntimeResourcesExhausted",
            "BoosterRuntimeModuleSettingsRefused", "BoosterRuntimeTargetDown", "BoosterOperatorReconcileErrors", "BoosterOperatorQueueBacklog", "BoosterOperatorTargetDown");
        Rules(rule).Single(r => (string?)r["alert"] == "BoosterRuntimeResourcesExhausted")["annotations"]!["description"]!
            .ToString().Should().Contain("vm.max_map_count");
    }

    [SkippableFact]
    public async Task TheThresholdsComeFromTheValues()
    {
        var rule = (await RenderAllOnAsync()).Single("PrometheusRule");
        string Expr(string alert) => (string)Rules(rule).Single(r => (string?)r["alert"] == alert)["expr"]!;

        Expr("BoosterRuntimeHighErrorRatio").TrimEnd().Should().EndWith("> 0.02");
        Expr("BoosterRuntimeHighLatency").TrimEnd().Should().EndWith("> 1");
        Expr("BoosterRuntimeQueueSaturated").TrimEnd().Should().EndWith("> 0.25");
        Expr("BoosterOperatorQueueBacklog").TrimEnd().Should().EndWith("> 10");
    }

    [SkippableFact]
    public async Task EveryAlertHasForSeverityAndARunbookSectionInTheOperationsGuide()
    {
        var rule = (await RenderAllOnAsync()).Single("PrometheusRule");
        var headings = File.ReadAllLines(RepositoryPaths.File("docs", "operations.md")).Where(l => l.StartsWith('#')).Select(Slug).ToHashSet();

        foreach (var alert in Rules(rule))
        {
            var name = (string)alert["alert"]!;
            ((string?)alert["for"]).Should().MatchRegex("^[0-9]+[smh]$", name);
            ((string?)alert["labels"]!["severity"]).Should().BeOneOf(["warning", "critical"], name);
            ((string?)alert["annotations"]!["summary"]).Should().NotBeNullOrWhiteSpace(name);
            ((string?)alert["annotations"]!["description"]).Should().NotBeNullOrWhiteSpace(name);
            var runbook = (string)alert["annotations"]!["runbook_url"]!;
            runbook.Should().Be($"https://wiki.example.com/booster/operations.md#{name.ToLowerInvariant()}");
            headings.Should().Contain(name.ToLowerInvariant(), $"docs/operations.md has a runbook section '### {name}'");
        }
    }

    [SkippableFact]
    public async Task TheDefaultRunbookLinksPointAtTheOperationsGuide()
    {
        var rule = (await Helm.RenderAsync(["--set", "monitoring.prometheusRule.enabled=true", .. Helm.MonitoringApis])).Single("PrometheusRule");

        Rules(rule).Select(r => (string)r["annotations"]!["runbook_url"]!).Should()
            .OnlyContain(url => url.StartsWith("https://github.com/booster-dev/booster/blob/main/docs/operations.md#", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task TheDashboardsAreForTheGrafanaSidecarWithADatasourceVariable()
    {
        var configMaps = (await RenderAllOnAsync()).OfKind("ConfigMap").ToList();

        configMaps.Should().HaveCount(2);
        foreach (var configMap in configMaps)
        {
            ((string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]).Should().Be("1");
            ((string?)configMap["metadata"]!["namespace"]).Should().Be("monitoring");
            ((string?)configMap["metadata"]!["annotations"]!["grafana_folder"]).Should().Be("Booster");
        }
        var dashboards = Dashboards(configMaps).ToList();
        dashboards.Select(d => (string?)d["title"]).Should().BeEquivalentTo(["Booster / Runtimes", "Booster / Operator"]);
        foreach (var dashboard in dashboards)
        {
            var variables = dashboard["templating"]!["list"]!.AsArray();
            variables.Should().Contain(v => (string?)v!["name"] == "datasource" && (string?)v["type"] == "datasource" && (string?)v["query"] == "prometheus");
            foreach (var panel in Panels(dashboard))
            {
                ((string?)panel["datasource"]!["uid"]).Should().Be("${datasource}", (string?)panel["title"]);
                ((string?)panel["description"]).Should().NotBeNullOrWhiteSpace((string?)panel["title"]);
                panel["targets"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(t => (string?)t!["datasource"]!["uid"] == "${datasource}");
            }
        }
    }

    [SkippableFact]
    public async Task TheRuntimeDashboardShowsThroughputLatencyOutcomesPoolQueueAndModules()
    {
        var runtimes = Dashboards(await RenderAllOnAsync()).Single(d => (string?)d["uid"] == "booster-runtimes");
        var queries = Panels(runtimes).SelectMany(p => p["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();

        queries.Should().Contain(q => q.Contains("rate(booster_executions_total") && q.Contains("by (outcome)"))
            .And.Contain(q => q.Contains("histogram_quantile(0.99") && q.Contains("booster_execution_duration_seconds_bucket"))
            .And.Contain(q => q.Contains("booster_executions_in_flight"))
            .And.Contain(q => q.Contains("booster_queue_depth"))
            .And.Contain(q => q.Contains("by (module)"));
        runtimes["templating"]!["list"]!.AsArray().Select(v => (string?)v!["name"]).Should().Contain(["namespace", "runtime", "module"]);
    }

    [SkippableFact]
    public async Task EveryPanelIsExplainedInTheOperationsGuide()
    {
        var guide = File.ReadAllText(RepositoryPaths.File("docs", "operations.md"));

        foreach (var dashboard in Dashboards(await RenderAllOnAsync()))
        foreach (var panel in Panels(dashboard))
            guide.Should().Contain($"**{(string)panel["title"]!}**", $"docs/operations.md explains the panel of {(string?)dashboard["title"]}");
    }

    /// <summary>
    /// Every alert expression, dashboard query and dashboard variable query — and the query of
    /// concurrency autoscaling — parses as PromQL and reads only series that exist: those a
    /// running runtime and the operator export (read from their own /metrics), `up`, and two of
    /// kube-state-metrics'. Rates are taken of counters only.
    /// </summary>
    [SkippableFact]
    public async Task EveryQueryParsesAndReadsOnlyMetricsThatAreExported()
    {
        var objects = await RenderAllOnAsync();
        var queries = Rules(objects.Single("PrometheusRule")).Select(r => (string)r["expr"]!)
            .Concat(Dashboards(objects).SelectMany(DashboardQueries))
            .Append(ScaledObjectBuilder.Query(new BoosterRuntime { Metadata = new V1ObjectMeta { Name = "hello", NamespaceProperty = "wasm" } }))
            .ToList();
        var series = await ExportedSeriesAsync();

        var parsed = await PromQl.ParseAsync(queries);

        parsed.Where(p => p.Errors.Count > 0).Select(p => $"{p.Expression}: {string.Join("; ", p.Errors)}").Should().BeEmpty();
        var unknown = parsed.SelectMany(p => p.Selectors.Where(s => s.Metric is null || !series.ContainsKey(s.Metric)).Select(s => $"{s.Metric} in {p.Expression}"));
        unknown.Should().BeEmpty();
        var ratesOfNonCounters = parsed.SelectMany(p => p.Selectors
            .Where(s => s.Function is "rate" or "irate" or "increase" && series[s.Metric!] is not ("counter" or "histogram_bucket"))
            .Select(s => $"{s.Function}({s.Metric}) in {p.Expression}"));
        ratesOfNonCounters.Should().BeEmpty();
        var bucketsOutsideRates = parsed.SelectMany(p => p.Selectors
            .Where(s => series[s.Metric!] == "histogram_bucket" && s.Function is not "rate")
            .Select(s => $"{s.Metric} in {p.Expression}"));
        bucketsOutsideRates.Should().BeEmpty();
    }

    /// <summary>Shows the check above can fail: a misspelt metric and a syntax error are caught.</summary>
    [SkippableFact]
    public async Task TheQueryCheckCatchesAMisspeltMetricAndASyntaxError()
    {
        var parsed = await PromQl.ParseAsync(["sum(rate(booster_execution_total[5m]))", "sum by (runtime (booster_queue_depth)"]);
        var series = await ExportedSeriesAsync();

        parsed[0].Errors.Should().BeEmpty();
        series.Should().NotContainKey(parsed[0].Selectors.Single().Metric!);
        parsed[1].Errors.Should().NotBeEmpty();
    }

    [SkippableFact]
    public async Task TheRuntimeDashboardShowsEveryRuntimeMetricAndTheOperationsGuideListsIt()
    {
        var runtime = await RuntimeFamiliesAsync();
        var dashboard = Dashboards(await RenderAllOnAsync()).Single(d => (string?)d["uid"] == "booster-runtimes").ToJsonString();
        var guide = File.ReadAllText(RepositoryPaths.File("docs", "operations.md"));

        runtime.Keys.Should().Contain(["booster_executions_total", "booster_queue_limit"]);
        runtime.Keys.Where(name => !dashboard.Contains(name, StringComparison.Ordinal)).Should().BeEmpty();
        runtime.Keys.Where(name => !guide.Contains($"| `{name}` | {runtime[name]} |", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ThePodMonitorScrapesThePodsTheOperatorCreates()
    {
        var monitor = (await RenderAllOnAsync()).Single("PodMonitor");
        var runtime = new BoosterRuntime { Metadata = new V1ObjectMeta { Name = "hello", NamespaceProperty = "wasm" }, Spec = new BoosterRuntimeSpec() };
        var pod = DeploymentBuilder.Build(runtime, DesiredStateOptions.Default).Spec.Template;
        var endpoint = monitor["spec"]!["podMetricsEndpoints"]!.AsArray().Single()!;

        monitor["spec"]!["selector"]!["matchLabels"]!.AsObject().Should().OnlyContain(l => pod.Metadata.Labels[l.Key] == (string?)l.Value);
        pod.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => p.Name).Should().Contain((string?)endpoint["port"]);
        ((string?)endpoint["path"]).Should().Be("/metrics");
        pod.Metadata.Labels[(string)monitor["spec"]!["jobLabel"]!].Should().Be("booster-runtime", "the alerts select up{job=\"booster-runtime\"}");
        var relabel = endpoint["relabelings"]!.AsArray().Single()!;
        ((string?)relabel["targetLabel"]).Should().Be("runtime");
        ((string?)relabel["sourceLabels"]![0]).Should().Be("__meta_kubernetes_pod_label_" + Regex.Replace(Labels.Instance, "[^a-zA-Z0-9]", "_"));
        pod.Metadata.Labels[Labels.Instance].Should().Be("hello");
        monitor["spec"]!["namespaceSelector"]!["matchNames"]!.AsArray().Select(n => (string?)n).Should().Equal("wasm", "wasm-staging");
    }

    [SkippableFact]
    public async Task WithoutNamespacesThePodMonitorLooksInEveryNamespace()
    {
        var monitor = (await Helm.RenderAsync(["--set", "monitoring.runtimePodMonitor.enabled=true", .. Helm.MonitoringApis])).Single("PodMonitor");

        ((bool?)monitor["spec"]!["namespaceSelector"]!["any"]).Should().BeTrue();
    }

    /// <summary>Queries of a dashboard's panels, and the selectors inside its label_values(…) variables.</summary>
    private static IEnumerable<string> DashboardQueries(JsonNode dashboard) =>
        Panels(dashboard).SelectMany(p => p["targets"]!.AsArray()).Select(t => PromQl.FromGrafana((string)t!["expr"]!))
            .Concat(dashboard["templating"]!["list"]!.AsArray()
                .Where(v => (string?)v!["type"] == "query")
                .Select(v => LabelValues().Match((string)v!["query"]!["query"]!))
                .Select(m => m.Success ? m.Groups[1].Value : "label_values is the only variable query used"));

    /// <summary>Series a query may read, with their type: the runtime's and the operator's, `up`, and kube-state-metrics' HPA gauges.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ExportedSeriesAsync()
    {
        var families = new Dictionary<string, string>(await RuntimeFamiliesAsync());
        foreach (var (name, type) in await OperatorFamiliesAsync()) families[name] = type;
        families["up"] = "gauge";
        families["kube_horizontalpodautoscaler_status_current_replicas"] = "gauge";
        families["kube_horizontalpodautoscaler_spec_max_replicas"] = "gauge";
        return MetricFamilies.SeriesTypes(families);
    }

    private static IReadOnlyDictionary<string, string>? _runtimeFamilies;

    /// <summary>What a real runtime's /metrics declares (read once per test run).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> RuntimeFamiliesAsync()
    {
        if (_runtimeFamilies is not null) return _runtimeFamilies;
        await using var runtime = await RuntimeBinary.StartAsync();
        (await runtime.Client.PostAsync("/run", new StringContent("{}"))).EnsureSuccessStatusCode();
        return _runtimeFamilies = MetricFamilies.Parse(await runtime.Client.GetStringAsync("/metrics"));
    }

    private static async Task<IReadOnlyDictionary<string, string>> OperatorFamiliesAsync()
    {
        using var text = new MemoryStream();
        await new OperatorMetrics().Registry.CollectAndExportAsTextAsync(text);
        return MetricFamilies.Parse(System.Text.Encoding.UTF8.GetString(text.ToArray()));
    }

    private static string Slug(string heading) =>
        Regex.Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-');

    [GeneratedRegex(@"^label_values\((.+),\s*\w+\)$")]
    private static partial Regex LabelValues();
}
