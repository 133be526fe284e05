using Booster.Operator.Desired;
using Booster.Operator.Hosting;

namespace Booster.Operator.Tests.Hosting;

public class RunArgumentsTests
{
    private static RunArguments? Parse(string[] args, Dictionary<string, string>? env = null) =>
        RunArguments.Parse(args, name => env?.GetValueOrDefault(name), out _);

    [Fact]
    public void DefaultsWatchAllNamespacesWithoutLeaderElection()
    {
        var parsed = Parse([])!;

        parsed.Options.Namespace.Should().BeNull();
        parsed.Options.LeaderElect.Should().BeFalse();
        parsed.Options.MetricsAddress.Should().Be("http://0.0.0.0:8080");
        parsed.Kubeconfig.Should().BeNull();
    }

    [Fact]
    public void FlagsWinOverTheEnvironment()
    {
        var env = new Dictionary<string, string> { [RunArguments.NamespaceVariable] = "from-env", ["KUBECONFIG"] = "/env/config" };

        var parsed = Parse(["--namespace", "from-flag", "--leader-elect", "--metrics-address=http://127.0.0.1:9090", "--kubeconfig", "/flag/config"], env)!;

        parsed.Options.Namespace.Should().Be("from-flag");
        parsed.Options.LeaderElect.Should().BeTrue();
        parsed.Options.MetricsAddress.Should().Be("http://127.0.0.1:9090");
        parsed.Kubeconfig.Should().Be("/flag/config");
    }

    [Fact]
    public void TheEnvironmentFillsWhatFlagsLeaveOut()
    {
        var env = new Dictionary<string, string>
        {
            [RunArguments.NamespaceVariable] = "wasm",
            [RunArguments.LeaderElectVariable] = "true",
            [RunArguments.RuntimeImageVariable] = "registry.example/runtime:1",
            ["POD_NAMESPACE"] = "booster-system",
            ["POD_NAME"] = "booster-operator-abc",
        };

        var options = Parse([], env)!.Options;

        options.Namespace.Should().Be("wasm");
        options.LeaderElect.Should().BeTrue();
        options.Desired.RuntimeImage.Should().Be("registry.example/runtime:1");
        options.LeaseNamespace.Should().Be("booster-system");
        options.Identity.Should().Be("booster-operator-abc");
    }

    [Fact]
    public void TheNodeTuningImageComesFromTheFlagElseTheEnvironmentElseTheDefault()
    {
        var env = new Dictionary<string, string> { [RunArguments.NodeTuningImageVariable] = "registry.example/busybox:env" };

        Parse([])!.Options.Desired.NodeTuningImage.Should().Be(DesiredStateOptions.DefaultNodeTuningImage);
        Parse([], env)!.Options.Desired.NodeTuningImage.Should().Be("registry.example/busybox:env");
        var flagged = Parse(["--node-tuning-image", "registry.example/busybox:flag", "--runtime-image=registry.example/runtime:2"], env)!.Options.Desired;
        flagged.NodeTuningImage.Should().Be("registry.example/busybox:flag");
        flagged.RuntimeImage.Should().Be("registry.example/runtime:2");
        RunArguments.Usage.Should().Contain(DesiredStateOptions.DefaultNodeTuningImage);
    }

    [Fact]
    public void ThePrometheusAddressAndTheScrapeNamespaceComeFromTheFlagElseTheEnvironmentElseTheDefault()
    {
        var env = new Dictionary<string, string>
        {
            [RunArguments.PrometheusAddressVariable] = "http://prom.env:9090",
            [RunArguments.ScrapeNamespaceVariable] = "env-monitoring",
        };

        Parse([])!.Options.Desired.PrometheusServerAddress.Should().Be(DesiredStateOptions.DefaultPrometheusServerAddress);
        Parse([])!.Options.Desired.MetricsScrapeNamespace.Should().Be(DesiredStateOptions.DefaultMetricsScrapeNamespace);
        Parse([], env)!.Options.Desired.PrometheusServerAddress.Should().Be("http://prom.env:9090");
        var flagged = Parse(["--prometheus-address=https://prom.flag", "--scrape-namespace", "obs"], env)!.Options.Desired;
        flagged.PrometheusServerAddress.Should().Be("https://prom.flag");
        flagged.MetricsScrapeNamespace.Should().Be("obs");
    }

    [Theory]
    [InlineData("--prometheus-address", "prometheus:9090")]
    [InlineData("--scrape-namespace", "Monitoring")]
    [InlineData("--scrape-namespace", "-monitoring")]
    public void ABadPrometheusAddressOrScrapeNamespaceIsNamed(string flag, string value)
    {
        RunArguments.Parse([flag, value], _ => null, out var problem).Should().BeNull();
        problem.Should().StartWith(flag).And.Contain(value);
    }

    [Fact]
    public void TheLeaseNameComesFromTheFlagElseTheEnvironmentElseTheDefault()
    {
        var env = new Dictionary<string, string> { [RunArguments.LeaseNameVariable] = "from-env" };

        Parse([])!.Options.LeaseName.Should().Be("booster-operator");
        Parse([], env)!.Options.LeaseName.Should().Be("from-env");
        Parse(["--lease-name", "release-booster-operator"], env)!.Options.LeaseName.Should().Be("release-booster-operator");
    }

    [Theory]
    [InlineData("--lease-name", "Not_A_Name")]
    [InlineData("--workers", "0")]
    [InlineData("--leader-elect=maybe")]
    [InlineData("--namespace")]
    [InlineData("--what")]
    public void BadArgumentsAreRefusedWithAReason(params string[] args)
    {
        RunArguments.Parse(args, _ => null, out var problem).Should().BeNull();
        problem.Should().NotBeNullOrEmpty();
    }
}
