using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;

namespace Booster.Operator.Tests.Desired;

public class ScaledObjectBuilderTests
{
    private const string Concurrency = "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 12}";

    [Fact]
    public void ThereIsNoneWithoutAutoscalingOrOnCpu()
    {
        ScaledObjectBuilder.Build(Runtimes.FromSpecYaml(), DesiredStateOptions.Default).Should().BeNull();
        ScaledObjectBuilder.Build(Runtimes.FromSpecYaml("autoscaling: {maxReplicas: 3}"), DesiredStateOptions.Default).Should().BeNull();
    }

    [Fact]
    public void OnConcurrencyKedaScalesTheDeploymentAndThereIsNoHpaOfOurOwn()
    {
        var runtime = Runtimes.FromSpecYaml(Concurrency);
        var scaled = ScaledObjectBuilder.Build(runtime, DesiredStateOptions.Default)!;

        HpaBuilder.Build(runtime).Should().BeNull("KEDA makes the HPA; two would fight over replicas");
        Built.Deployment(Concurrency).Spec.Replicas.Should().BeNull("the autoscaler owns the replica count");
        scaled.ApiVersion.Should().Be("keda.sh/v1alpha1");
        scaled.Kind.Should().Be("ScaledObject");
        scaled.Metadata.Name.Should().Be(Runtimes.Name);
        scaled.Metadata.NamespaceProperty.Should().Be(Runtimes.Namespace);
        scaled.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(Runtimes.Uid);
        scaled.Spec.ScaleTargetRef.Should().BeEquivalentTo(new { ApiVersion = "apps/v1", Kind = "Deployment", Name = Runtimes.Name });
        scaled.Spec.MinReplicaCount.Should().Be(2);
        scaled.Spec.MaxReplicaCount.Should().Be(12);
    }

    [Fact]
    public void ThePrometheusTriggerReadsTheRuntimesSeriesOfThisRuntimeOnly()
    {
        var scaled = ScaledObjectBuilder.Build(
            Runtimes.FromSpecYaml("pool: {maxConcurrency: 16}\nautoscaling: {metric: concurrency, maxReplicas: 5, targetUtilizationPercentage: 75}"),
            DesiredStateOptions.Default)!;

        var trigger = scaled.Spec.Triggers.Should().ContainSingle().Subject;
        trigger.Type.Should().Be("prometheus");
        var query = trigger.Metadata["query"];
        foreach (var metric in new[] { "booster_executions_in_flight", "booster_queue_depth", "booster_pool_limit" })
            query.Should().Contain($"sum by (pod) ({metric}{{namespace=\"wasm\", runtime=\"demo\"}})");
        query.Should().Contain("+ 16", "a pod without its limit series counts with the configured pool");
        trigger.Metadata["serverAddress"].Should().Be(DesiredStateOptions.DefaultPrometheusServerAddress);
        trigger.Metadata["ignoreNullValues"].Should().Be("false");
    }

    [Fact]
    public void TheServerAddressOfTheSpecWinsOverTheOperators()
    {
        var spec = "autoscaling: {metric: concurrency, maxReplicas: 3, prometheus: {serverAddress: 'http://prom.obs:9090'}}";
        var options = DesiredStateOptions.Default with { PrometheusServerAddress = "http://other:9090" };

        ScaledObjectBuilder.Build(Runtimes.FromSpecYaml(spec), options)!.Spec.Triggers[0].Metadata["serverAddress"].Should().Be("http://prom.obs:9090");
        ScaledObjectBuilder.Build(Runtimes.FromSpecYaml(Concurrency), options)!.Spec.Triggers[0].Metadata["serverAddress"].Should().Be("http://other:9090");
    }

    [Theory]
    [InlineData("replicas: 4", 4)]
    [InlineData("replicas: 1", 2)]
    [InlineData("replicas: 40", 12)]
    public void WhilePrometheusCannotBeReadTheFallbackHoldsSpecReplicasWithinTheBounds(string replicas, int expected)
    {
        var scaled = ScaledObjectBuilder.Build(Runtimes.FromSpecYaml($"{replicas}\n{Concurrency}"), DesiredStateOptions.Default)!;

        scaled.Spec.Fallback.Replicas.Should().Be(expected);
        scaled.Spec.Fallback.FailureThreshold.Should().Be(3);
    }

    [Fact]
    public void ScaleDownStabilisationComesFromTheSpecForKedaAndTheHpaAlike()
    {
        var scaled = ScaledObjectBuilder.Build(
            Runtimes.FromSpecYaml("autoscaling: {metric: concurrency, maxReplicas: 3, scaleDownStabilizationSeconds: 120}"), DesiredStateOptions.Default)!;
        var hpa = HpaBuilder.Build(Runtimes.FromSpecYaml("autoscaling: {maxReplicas: 3}"))!;

        scaled.Spec.Advanced.HorizontalPodAutoscalerConfig.Behavior.ScaleDown.StabilizationWindowSeconds.Should().Be(120);
        hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds.Should().Be(300, "the default");
    }

    [Fact]
    public void ItSerializesAsKedaSpellsIt()
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(ScaledObjectBuilder.Build(Runtimes.FromSpecYaml(Concurrency), DesiredStateOptions.Default)))!;

        ((string?)json["spec"]!["triggers"]![0]!["metadata"]!["query"]).Should().StartWith("100 * sum(");
        ((int?)json["spec"]!["advanced"]!["horizontalPodAutoscalerConfig"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]).Should().Be(300);
        ((int?)json["spec"]!["minReplicaCount"]).Should().Be(2);
    }
}
