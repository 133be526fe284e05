using System.Text.Json.Nodes;
using Booster.Deployment.Tests.Support;
using Booster.Operator.Desired;
using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;

namespace Booster.Deployment.Tests.Chart;

/// <summary>
/// The operator Deployment the chart renders, read the way the operator reads it: its args and
/// env go through the operator's own <see cref="RunArguments"/> parser.
/// </summary>
public class OperatorDeploymentTests
{
    private static JsonNode Container(IEnumerable<JsonNode> objects) =>
        objects.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Should().ContainSingle().Subject!;

    /// <summary>The container's args and env as <c>booster-operator</c> would see them in a pod of the release namespace.</summary>
    private static OperatorOptions Options(JsonNode container)
    {
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        args[0].Should().Be("run");
        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        var downward = new Dictionary<string, string> { ["metadata.namespace"] = Helm.Namespace, ["metadata.name"] = "booster-operator-7d4b9-x2x1z" };
        string? Env(string name) => env.TryGetValue(name, out var e)
            ? (string?)e["value"] ?? downward[(string)e["valueFrom"]!["fieldRef"]!["fieldPath"]!]
            : null;

        var parsed = RunArguments.Parse(args[1..], Env, out var problem);
        problem.Should().BeNull();
        return parsed!.Options;
    }

    [SkippableFact]
    public async Task TheOperatorRunsAs65532UnlessThePlatformAssignsTheUser()
    {
        JsonNode PodSecurity(IEnumerable<JsonNode> objects) => objects.Single("Deployment")["spec"]!["template"]!["spec"]!["securityContext"]!;

        var fixedUser = PodSecurity(await Helm.RenderAsync());
        var assigned = PodSecurity(await Helm.RenderAsync("--set", "platformAssignsUser=true"));

        ((long?)fixedUser["runAsUser"]).Should().Be(65532);
        assigned.AsObject().Select(p => p.Key).Should().NotContain(["runAsUser", "runAsGroup"]);
        ((bool?)assigned["runAsNonRoot"]).Should().BeTrue();
    }

    [SkippableFact]
    public async Task TheDefaultRuntimeImageIsTheOperatorsBuiltInDefault()
    {
        var options = Options(Container(await Helm.RenderAsync()));

        options.Desired.RuntimeImage.Should().Be(DesiredStateOptions.DefaultRuntimeImage);
        options.Desired.NodeTuningImage.Should().Be(DesiredStateOptions.DefaultNodeTuningImage);
        options.Desired.PrometheusServerAddress.Should().Be(DesiredStateOptions.DefaultPrometheusServerAddress);
        options.Desired.MetricsScrapeNamespace.Should().Be(DesiredStateOptions.DefaultMetricsScrapeNamespace);
    }

    [SkippableFact]
    public async Task TheRuntimeImageValuesReachTheOperator()
    {
        var options = Options(Container(await Helm.RenderAsync("-f", Helm.CiValues("all-on-values.yaml"))));

        options.Desired.RuntimeImage.Should().Be("registry.example.com/booster/booster-runtime:0.1.0-rc.1");
        options.Desired.NodeTuningImage.Should().Be("registry.example.com/mirror/busybox:1.37.0");
        options.Desired.PrometheusServerAddress.Should().Be("http://prometheus.observability.svc:9090");
        options.Desired.MetricsScrapeNamespace.Should().Be("observability");
        options.Workers.Should().Be(8);
    }

    [SkippableFact]
    public async Task TheDefaultInstallWatchesEveryNamespaceWithLeaderElectionInTheReleaseNamespace()
    {
        var options = Options(Container(await Helm.RenderAsync()));

        options.Namespace.Should().BeNull();
        options.LeaderElect.Should().BeTrue();
        options.LeaseNamespace.Should().Be(Helm.Namespace);
        options.Identity.Should().Be("booster-operator-7d4b9-x2x1z");
        options.Workers.Should().Be(2);
    }

    [SkippableFact]
    public async Task TheLeaseIsNamedAfterTheReleaseUnlessAValueNamesIt()
    {
        var objects = await Helm.RenderAsync();
        var operatorName = (string)objects.Single("Deployment")["metadata"]!["name"]!;

        Options(Container(objects)).LeaseName.Should().Be(operatorName);
        Options(Container(await Helm.RenderAsync("--set", "leaderElection.leaseName=shared-lease"))).LeaseName.Should().Be("shared-lease");
    }

    [SkippableFact]
    public async Task WatchNamespaceRestrictsTheOperatorToIt()
    {
        var options = Options(Container(await Helm.RenderAsync("--set", "watchNamespace=wasm")));

        options.Namespace.Should().Be("wasm");
    }

    [SkippableFact]
    public async Task SeveralReplicasRequireLeaderElection()
    {
        Helm.SkipUnlessInstalled();
        var refused = await Helm.TemplateAsync("--set", "replicaCount=2", "--set", "leaderElection.enabled=false");

        refused.ExitCode.Should().NotBe(0);
        refused.Stderr.Should().Contain("leaderElection.enabled=false needs replicaCount <= 1");
        Options(Container(await Helm.RenderAsync("--set", "replicaCount=2"))).LeaderElect.Should().BeTrue();
    }

    [SkippableFact]
    public async Task WithoutLeaderElectionOldAndNewPodsNeverOverlap()
    {
        var objects = await Helm.RenderAsync("--set", "leaderElection.enabled=false");

        Options(Container(objects)).LeaderElect.Should().BeFalse();
        ((string?)objects.Single("Deployment")["spec"]!["strategy"]!["type"]).Should().Be("Recreate");
    }

    [SkippableFact]
    public async Task ProbesHitHealthzAndReadyzOnTheMetricsAddressPort()
    {
        var container = Container(await Helm.RenderAsync("-f", Helm.CiValues("all-on-values.yaml")));
        var port = container["ports"]!.AsArray().Should().ContainSingle().Subject!;

        ((string?)port["name"]).Should().Be("metrics");
        new Uri(Options(container).MetricsAddress).Port.Should().Be((int)(long)port["containerPort"]!).And.Be(9090);
        ((string?)container["livenessProbe"]!["httpGet"]!["path"]).Should().Be("/healthz");
        ((string?)container["readinessProbe"]!["httpGet"]!["path"]).Should().Be("/readyz");
        ((string?)container["livenessProbe"]!["httpGet"]!["port"]).Should().Be("metrics");
        ((string?)container["readinessProbe"]!["httpGet"]!["port"]).Should().Be("metrics");
    }

    [SkippableFact]
    public async Task TheOperatorRunsRestrictedWithAReadOnlyRootAndAWritableTmp()
    {
        var objects = await Helm.RenderAsync();
        var pod = objects.Single("Deployment")["spec"]!["template"]!["spec"]!;
        var container = Container(objects);
        var security = container["securityContext"]!;

        ((bool?)pod["securityContext"]!["runAsNonRoot"]).Should().BeTrue();
        ((long?)pod["securityContext"]!["runAsUser"]).Should().Be(SecurityContexts.NonRootUser);
        ((string?)pod["securityContext"]!["seccompProfile"]!["type"]).Should().Be("RuntimeDefault");
        ((bool?)security["allowPrivilegeEscalation"]).Should().BeFalse();
        ((bool?)security["readOnlyRootFilesystem"]).Should().BeTrue();
        security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c).Should().Equal("ALL");
        container["volumeMounts"]!.AsArray().Should().ContainSingle(m => (string?)m!["mountPath"] == "/tmp");
        pod["volumes"]!.AsArray().Should().ContainSingle(v => (string?)v!["name"] == "tmp" && v["emptyDir"] != null);
    }

    [SkippableFact]
    public async Task TheOperatorImageFollowsTheChartsAppVersion()
    {
        var container = Container(await Helm.RenderAsync());

        ((string?)container["image"]).Should().Be(Dockerfile.Operator.Tag).And.EndWith($":{ChartFile.AppVersion}");
    }

    [SkippableFact]
    public async Task PodSettingsFromValuesReachThePod()
    {
        var objects = await Helm.RenderAsync("-f", Helm.CiValues("all-on-values.yaml"));
        var deployment = objects.Single("Deployment");
        var pod = deployment["spec"]!["template"]!;

        ((long?)deployment["spec"]!["replicas"]).Should().Be(3);
        ((string?)pod["metadata"]!["labels"]!["team"]).Should().Be("platform");
        ((string?)pod["metadata"]!["annotations"]!["example.com/owner"]).Should().Be("platform");
        ((string?)pod["spec"]!["priorityClassName"]).Should().Be("system-cluster-critical");
        ((string?)pod["spec"]!["imagePullSecrets"]![0]!["name"]).Should().Be("registry-credentials");
        ((string?)pod["spec"]!["nodeSelector"]!["kubernetes.io/os"]).Should().Be("linux");
        pod["spec"]!["tolerations"]!.AsArray().Should().ContainSingle();
        pod["spec"]!["affinity"]!["podAntiAffinity"].Should().NotBeNull();
        ((string?)Container(objects)["resources"]!["limits"]!["memory"]).Should().Be("512Mi");
        ((string?)Container(objects)["imagePullPolicy"]).Should().Be("Always");
    }
}
