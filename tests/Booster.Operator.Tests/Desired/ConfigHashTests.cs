using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

/// <summary>The pod template's config hash changes with every setting that reaches a pod, and with nothing else.</summary>
public class ConfigHashTests
{
    [Fact]
    public void IsASha256InThePodTemplateAnnotations() =>
        Built.Hash().Should().MatchRegex("^[0-9a-f]{64}$");

    [Fact]
    public void IsStableForTheSameSpec() => Built.Hash("pool: {maxConcurrency: 4}").Should().Be(Built.Hash("pool: {maxConcurrency: 4}"));

    [Theory]
    [InlineData("image: other/booster:1")]
    [InlineData("pool: {maxConcurrency: 9}")]
    [InlineData("pool: {queueLimit: 1}")]
    [InlineData("pool: {queueTimeoutMs: 1}")]
    [InlineData("wasmtime: {tuneDefaults: false}")]
    [InlineData("wasmtime: {memoryGuardSize: 1Mi}")]
    [InlineData("wasmtime: {memoryReservation: 1Gi}")]
    [InlineData("wasmtime: {memoryReservationForGrowth: 0}")]
    [InlineData("limits: {timeoutMs: 1}")]
    [InlineData("limits: {maxMemoryBytes: 1Gi}")]
    [InlineData("limits: {maxOutputBytes: 1}")]
    [InlineData("limits: {maxRequestBytes: 1Mi}")]
    [InlineData("modules: {configMap: {name: m}}")]
    [InlineData("modules: {persistentVolumeClaim: {claimName: c}}")]
    [InlineData("modules: {image: {reference: m:1}}")]
    [InlineData("node: {tuneMaxMapCount: false}")]
    [InlineData("node: {maxMapCount: 65530}")]
    [InlineData("resources: {limits: {memory: 1Gi}}")]
    [InlineData("env: [{name: X, value: 'on'}]")]
    [InlineData("pod: {labels: {team: a}}")]
    [InlineData("pod: {annotations: {a: b}}")]
    [InlineData("pod: {nodeSelector: {a: b}}")]
    [InlineData("pod: {tolerations: [{operator: Exists}]}")]
    [InlineData("pod: {affinity: {podAntiAffinity: {}}}")]
    [InlineData("pod: {priorityClassName: high}")]
    [InlineData("pod: {imagePullSecrets: [{name: s}]}")]
    public void ChangesWithEverySettingThatReachesThePods(string specYaml) =>
        Built.Hash(specYaml).Should().NotBe(Built.Hash());

    [Fact]
    public void ChangesWithTheDefaultModule() =>
        Built.Hash("modules: {configMap: {name: m}, default: a}").Should().NotBe(Built.Hash("modules: {configMap: {name: m}, default: b}"));

    [Theory]
    [InlineData("replicas: 7")]
    [InlineData("replicas: 1")]
    [InlineData("service: {type: NodePort, port: 80, annotations: {a: b}}")]
    [InlineData("autoscaling: {minReplicas: 3, maxReplicas: 9, targetCPUUtilizationPercentage: 50}")]
    public void StaysTheSameForSettingsThatDoNotReachThePods(string specYaml) =>
        Built.Hash(specYaml).Should().Be(Built.Hash());

    [Fact]
    public void IgnoresTheRuntimesOwnLabelsAndAnnotations()
    {
        var document = Runtimes.Document();
        document["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["env"] = "prod" };
        document["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["note"] = "x" };

        var template = DeploymentBuilder.Build(Runtimes.FromJson(document), DesiredStateOptions.Default).Spec.Template;

        template.Metadata.Annotations[ConfigHash.Annotation].Should().Be(Built.Hash());
    }

    [Theory]
    [InlineData("wasmtime: {memoryGuardSize: 64Ki}", "wasmtime: {memoryGuardSize: 65536}")]
    [InlineData("", "pool: {maxConcurrency: 8, queueLimit: 4096}\nlimits: {maxMemoryBytes: 256Mi}\nnode: {tuneMaxMapCount: true}")]
    [InlineData("", "wasmtime: {memoryGuardSize: 65536, memoryReservation: 0, memoryReservationForGrowth: 1Mi}")]
    [InlineData("pod: {labels: {a: '1', b: '2'}}", "pod: {labels: {b: '2', a: '1'}}")]
    public void IsTheSameForSpecsThatMeanTheSame(string one, string other) =>
        Built.Hash(one).Should().Be(Built.Hash(other));
}
