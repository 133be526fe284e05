using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class AutoscalingValidationTests
{
    private static IEnumerable<string> Errors(string specYaml) => SpecValidatorTests.Errors(specYaml);

    [Fact]
    public void ConcurrencyNeedsNoCpuRequest() =>
        Errors("autoscaling: {metric: concurrency, maxReplicas: 4}").Should().BeEmpty();

    [Fact]
    public void CpuStillNeedsACpuRequest() =>
        Errors("autoscaling: {metric: cpu, maxReplicas: 4}").Should().ContainSingle().Which.Should().StartWith("spec.resources.requests.cpu: required (or limits.cpu");

    [Fact]
    public void ACpuLimitAloneIsEnoughForCpuSinceTheRequestDefaultsToIt() =>
        Errors("autoscaling: {metric: cpu, maxReplicas: 4}\nresources: {limits: {cpu: 500m}}").Should().BeEmpty();

    [Fact]
    public void ScaleToZeroIsRefusedSayingWhy() =>
        Errors("autoscaling: {metric: concurrency, minReplicas: 0, maxReplicas: 4}").Should().ContainSingle()
            .Which.Should().StartWith("spec.autoscaling.minReplicas: 0 is not offered").And.Contain("first requests would fail");

    [Theory]
    [InlineData("autoscaling: {metric: memory, maxReplicas: 4}", "spec.autoscaling.metric: 'memory' is not one of cpu, concurrency")]
    [InlineData("autoscaling: {metric: concurrency, maxReplicas: 4, targetUtilizationPercentage: 101}", "spec.autoscaling.targetUtilizationPercentage")]
    [InlineData("autoscaling: {metric: concurrency, maxReplicas: 4, scaleDownStabilizationSeconds: 3601}", "spec.autoscaling.scaleDownStabilizationSeconds")]
    [InlineData("autoscaling: {metric: concurrency, maxReplicas: 4, prometheus: {serverAddress: 'prometheus:9090'}}", "spec.autoscaling.prometheus.serverAddress")]
    public void AnInvalidAutoscalingFieldIsNamed(string specYaml, string expected) =>
        Errors(specYaml).Should().ContainSingle().Which.Should().Contain(expected);
}
