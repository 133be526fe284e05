using Booster.Deployment.Tests.Support;

namespace Booster.Deployment.Tests.Chart;

/// <summary>values.schema.json: helm refuses values of the wrong type or shape, naming them, before rendering anything.</summary>
public class ValuesSchemaTests
{
    [SkippableTheory]
    [InlineData("replicaCount=two", "/replicaCount")]
    [InlineData("workers=0", "/workers")]
    [InlineData("workers=65", "/workers")]
    [InlineData("leaderElection.enabled=maybe", "/leaderElection/enabled")]
    [InlineData("image.pullPolicy=Sometimes", "/image/pullPolicy")]
    [InlineData("runtime.image.repository=", "/runtime/image/repository")]
    [InlineData("watchNamespace=Not_A_Namespace", "/watchNamespace")]
    [InlineData("metrics.port=70000", "/metrics/port")]
    [InlineData("metrics.service.enabled=yes please", "/metrics/service/enabled")]
    [InlineData("metrics.serviceMonitor.interval=often", "/metrics/serviceMonitor/interval")]
    [InlineData("podLabels.team=1", "/podLabels/team")]
    [InlineData("tolerations=none", "/tolerations")]
    [InlineData("replicaCont=2", "replicaCont")]
    [InlineData("metrics.servicemonitor.enabled=true", "servicemonitor")]
    public async Task AWrongValueIsRefusedNamingIt(string setting, string named)
    {
        Helm.SkipUnlessInstalled();
        var result = await Helm.TemplateAsync("--set", setting);

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain(named);
    }

    [SkippableFact]
    public async Task EveryValueInValuesYamlPassesTheSchema()
    {
        Helm.SkipUnlessInstalled();
        var result = await Helm.TemplateAsync("-f", Path.Combine(RepositoryPaths.Chart, "values.yaml"), "-f", Helm.CiValues("all-on-values.yaml"));

        result.ExitCode.Should().Be(0, result.ToString());
    }
}
