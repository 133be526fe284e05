using System.Text.Json.Nodes;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;

namespace Booster.Operator.Tests.Desired;

/// <summary>The ScaledObject against KEDA's CRD schema and the NetworkPolicy against the upstream one, by a real validator.</summary>
public class AccessAndScalingSchemaTests
{
    private const string Spec = """
        pool: {maxConcurrency: 12}
        autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 9, scaleDownStabilizationSeconds: 60}
        access:
          allowFrom:
            - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a, b]}]}
            - podSelector: {matchLabels: {app: web}}
        """;

    private static JsonNode Json(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;

    [SkippableFact]
    public void TheScaledObjectAndTheNetworkPolicyAreValid()
    {
        KubernetesValidator.SkipUnlessInstalled();
        var runtime = Runtimes.FromSpecYaml(Spec);

        KubernetesValidator.Problems([
            Json(ScaledObjectBuilder.Build(runtime, DesiredStateOptions.Default)!),
            Json(NetworkPolicyBuilder.Build(runtime, DesiredStateOptions.Default)!),
        ]).Should().BeEmpty();
    }

    /// <summary>Shows KEDA's schema is really applied.</summary>
    [SkippableFact]
    public void TheValidatorRejectsABrokenScaledObject()
    {
        KubernetesValidator.SkipUnlessInstalled();
        var scaled = Json(ScaledObjectBuilder.Build(Runtimes.FromSpecYaml(Spec), DesiredStateOptions.Default)!);
        scaled["spec"]!["minReplicaCount"] = "two";
        scaled["spec"]!["triggers"]![0]!.AsObject().Remove("type");

        KubernetesValidator.Problems([scaled]).Should().Contain(p => p.Contains("/spec/minReplicaCount")).And.Contain(p => p.Contains("/spec/triggers/0"));
    }
}
