using System.Text.Json.Nodes;
using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Chart;

/// <summary>helm lint and helm template on the chart, its CRD, and every rendered object against the upstream schemas.</summary>
public class ChartTests
{
    public static TheoryData<string> ValuesFiles() => new("", "all-on-values.yaml", "one-namespace-values.yaml");

    private static string[] WithValues(string valuesFile, params string[] args) =>
        valuesFile == "" ? args : ["-f", Helm.CiValues(valuesFile), .. args];

    [SkippableFact]
    public async Task HelmIsVersionFour()
    {
        Helm.SkipUnlessInstalled();
        var version = await Helm.RunAsync("version", "--short");

        version.Stdout.Should().StartWith("v4.");
    }

    [SkippableTheory]
    [MemberData(nameof(ValuesFiles))]
    public async Task TheChartLintsStrictly(string valuesFile)
    {
        Helm.SkipUnlessInstalled();
        var lint = await Helm.RunAsync(["lint", "--strict", RepositoryPaths.Chart, "--namespace", Helm.Namespace, .. WithValues(valuesFile)]);

        lint.ExitCode.Should().Be(0, lint.ToString());
        lint.Stdout.Should().Contain("0 chart(s) failed");
    }

    [SkippableTheory]
    [MemberData(nameof(ValuesFiles))]
    public async Task EveryRenderedObjectIsValidKubernetes(string valuesFile)
    {
        KubernetesSchemas.SkipUnlessInstalled();
        var objects = await Helm.RenderAsync(WithValues(valuesFile, "--include-crds"));

        objects.OfKind("CustomResourceDefinition").Should().ContainSingle();
        // ServiceMonitor, PodMonitor and PrometheusRule against prometheus-operator's schemas.
        (await KubernetesSchemas.ProblemsAsync(objects)).Should().BeEmpty();
    }

    /// <summary>Shows the validator is real: it must reject what the API server would reject.</summary>
    [SkippableFact]
    public async Task TheSchemaValidatorRejectsABrokenRenderedObject()
    {
        KubernetesSchemas.SkipUnlessInstalled();
        var deployment = (await Helm.RenderAsync()).Single("Deployment");
        deployment["spec"]!["replicas"] = "one";

        (await KubernetesSchemas.ProblemsAsync([deployment])).Should().ContainSingle().Which.Should().Contain("/spec/replicas");
    }

    [SkippableFact]
    public async Task EveryNamespacedObjectIsInTheReleaseNamespaceOrTheWatchedOne()
    {
        var objects = await Helm.RenderAsync("-f", Helm.CiValues("one-namespace-values.yaml"));
        var clusterScoped = new[] { "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition" };

        objects.Where(o => !clusterScoped.Contains((string?)o["kind"]))
            .Select(o => (string?)o["metadata"]!["namespace"]).Should().OnlyContain(ns => ns == Helm.Namespace || ns == "wasm");
    }

    [SkippableFact]
    public async Task TheCrdIsInstalledFromCrdsAndIsTheOneInConfig()
    {
        var chartCrd = Path.Combine(RepositoryPaths.Chart, "crds", Path.GetFileName(RepositoryPaths.Crd));

        File.ReadAllText(chartCrd).Should().Be(File.ReadAllText(RepositoryPaths.Crd),
            "charts/booster/crds/ is a copy of config/crds/: cp config/crds/*.yaml charts/booster/crds/");
        Directory.GetFiles(Path.Combine(RepositoryPaths.Chart, "crds")).Should().HaveCount(Directory.GetFiles(Path.GetDirectoryName(RepositoryPaths.Crd)!).Length);
        (await Helm.RenderAsync()).OfKind("CustomResourceDefinition").Should().BeEmpty("helm template leaves crds/ out unless asked");
        (await Helm.RenderAsync("--include-crds")).OfKind("CustomResourceDefinition").Should().ContainSingle();
    }

    [SkippableFact]
    public async Task TheDefaultInstallHasNoMetricsServiceAndNoServiceMonitor()
    {
        var kinds = (await Helm.RenderAsync()).Select(o => (string?)o["kind"]).ToList();

        // Three ClusterRoles: the operator's, and the two aggregated into the users' edit and view roles.
        kinds.Should().BeEquivalentTo(["ServiceAccount", "ClusterRole", "ClusterRole", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment"]);
    }

    [SkippableFact]
    public async Task TheServiceMonitorScrapesTheMetricsServiceWhichSelectsTheOperatorPods()
    {
        var objects = await Helm.RenderAsync("-f", Helm.CiValues("all-on-values.yaml"));
        var service = objects.Single("Service");
        var monitor = objects.Single("ServiceMonitor");
        var podLabels = objects.Single("Deployment")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var servicePort = service["spec"]!["ports"]!.AsArray().Should().ContainSingle().Subject!;
        var endpoint = monitor["spec"]!["endpoints"]!.AsArray().Should().ContainSingle().Subject!;

        ((string?)monitor["apiVersion"]).Should().Be("monitoring.coreos.com/v1");
        ((string?)monitor["metadata"]!["labels"]!["release"]).Should().Be("prometheus");
        service["spec"]!["selector"]!.AsObject().Should().OnlyContain(l => (string?)podLabels[l.Key] == (string?)l.Value);
        monitor["spec"]!["selector"]!["matchLabels"]!.AsObject().Should().OnlyContain(l => (string?)service["metadata"]!["labels"]![l.Key] == (string?)l.Value);
        ((string?)servicePort["name"]).Should().Be((string?)endpoint["port"]);
        ((string?)servicePort["targetPort"]).Should().Be("metrics");
        ((string?)endpoint["path"]).Should().Be("/metrics");
        ((string?)endpoint["interval"]).Should().Be("15s");
        monitor["spec"]!["namespaceSelector"]!["matchNames"]!.AsArray().Select(n => (string?)n).Should().Equal(Helm.Namespace);
    }

    [SkippableFact]
    public async Task AServiceMonitorWithoutTheMetricsServiceIsRefused()
    {
        Helm.SkipUnlessInstalled();
        var result = await Helm.TemplateAsync(["--set", "metrics.serviceMonitor.enabled=true", .. Helm.MonitoringApis]);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    [SkippableFact]
    public async Task TheNotesTellTheUserWhatToApplyNext()
    {
        Helm.SkipUnlessInstalled();
        var install = await Helm.RunAsync("install", Helm.Release, RepositoryPaths.Chart, "--namespace", Helm.Namespace, "--dry-run=client");

        install.ExitCode.Should().Be(0, install.ToString());
        var notes = install.Stdout[install.Stdout.IndexOf("NOTES:", StringComparison.Ordinal)..];
        notes.Should().Contain("kubectl apply -f config/samples/minimal.yaml")
            .And.Contain("kubectl port-forward service/hello 2678:2678")
            .And.Contain("curl")
            .And.Contain("rollout status deployment/booster-operator");
        File.Exists(RepositoryPaths.File("config", "samples", "minimal.yaml")).Should().BeTrue();
    }
}
