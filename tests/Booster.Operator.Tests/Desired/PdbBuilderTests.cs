using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class PdbBuilderTests
{
    [Theory]
    [InlineData("replicas: 1")]
    [InlineData("replicas: 0")]
    [InlineData("replicas: 5\nautoscaling: {minReplicas: 1, maxReplicas: 5}")]
    public void ThereIsNoneWhenThePoolCanShrinkToOnePod(string specYaml) =>
        PdbBuilder.Build(Runtimes.FromSpecYaml(specYaml)).Should().BeNull();

    [Theory]
    [InlineData("")]
    [InlineData("replicas: 3")]
    [InlineData("replicas: 1\nautoscaling: {minReplicas: 2, maxReplicas: 5}")]
    public void AllowsOnePodDownAtATimeWhenThereAreMore(string specYaml)
    {
        var runtime = Runtimes.FromSpecYaml(specYaml);
        var pdb = PdbBuilder.Build(runtime)!;

        pdb.ApiVersion.Should().Be("policy/v1");
        pdb.Spec.MaxUnavailable.Value.Should().Be("1");
        pdb.Spec.Selector.MatchLabels.Should().Equal(Labels.Selector(runtime));
    }
}
