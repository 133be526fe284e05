using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class DesiredStateTests
{
    private const string Everything = "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}";

    private const string Concurrency = "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}\naccess: {allowFrom: [{podSelector: {matchLabels: {app: web}}}]}";

    [Theory]
    [InlineData("replicas: 1", new[] { "Deployment", "Service" })]
    [InlineData("", new[] { "Deployment", "Service", "PodDisruptionBudget" })]
    [InlineData(Everything, new[] { "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget" })]
    [InlineData(Concurrency, new[] { "Deployment", "Service", "ScaledObject", "PodDisruptionBudget", "NetworkPolicy" })]
    [InlineData("access: {tokenSecretRef: {name: t, key: k}}", new[] { "Deployment", "Service", "PodDisruptionBudget" })]
    public void BuildsTheObjectsTheSpecCallsFor(string specYaml, string[] kinds) =>
        DesiredState.Build(Runtimes.FromSpecYaml(specYaml), DesiredStateOptions.Default).Select(o => o.Kind).Should().Equal(kinds);

    [Theory]
    [InlineData(Everything)]
    [InlineData(Concurrency)]
    public void EveryObjectIsControlledByTheRuntimeSoDeletionCascades(string specYaml)
    {
        foreach (var obj in DesiredState.Build(Runtimes.FromSpecYaml(specYaml), DesiredStateOptions.Default))
        {
            var owner = obj.Metadata.OwnerReferences.Should().ContainSingle().Subject;
            owner.ApiVersion.Should().Be("booster.dev/v1alpha1");
            owner.Kind.Should().Be(BoosterRuntime.KindName);
            owner.Name.Should().Be(Runtimes.Name);
            owner.Uid.Should().Be(Runtimes.Uid);
            owner.Controller.Should().BeTrue();
            owner.BlockOwnerDeletion.Should().BeTrue();
            obj.Metadata.NamespaceProperty.Should().Be(Runtimes.Namespace);
            obj.Metadata.Labels.Should().Equal(Labels.For(Runtimes.FromSpecYaml()));
        }
    }

    [Fact]
    public void EveryDesiredKindIsAnOwnedKindSoItIsWatchedAppliedAndDeleted()
    {
        foreach (var specYaml in new[] { Everything, Concurrency })
            DesiredState.Build(Runtimes.FromSpecYaml(specYaml), DesiredStateOptions.Default)
                .Should().OnlyContain(obj => Booster.Operator.Reconciliation.OwnedKind.All.Count(kind => kind.Matches(obj)) == 1);
    }

    [Fact]
    public void TheSelectorTextIsWhatStatusSelectorCarries() =>
        Labels.SelectorText(Runtimes.FromSpecYaml()).Should().Be($"app.kubernetes.io/name=booster-runtime,app.kubernetes.io/instance={Runtimes.Name}");
}
