using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Booster.Operator.Desired.Keda;

/// <summary>
/// KEDA's ScaledObject (keda.sh/v1alpha1), the fields Booster sets. KubernetesClient has no
/// model for it; these serialize to what KEDA's CRD schema accepts (a test validates them).
/// </summary>
internal sealed class ScaledObject : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "keda.sh";
    public const string Version = "v1alpha1";
    public const string KindName = "ScaledObject";
    public const string Plural = "scaledobjects";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/{Version}";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ScaledObjectSpec Spec { get; set; } = new();
}

internal sealed class ScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")]
    public ScaleTarget ScaleTargetRef { get; set; } = new();

    /// <summary>Seconds between two reads of the triggers.</summary>
    [JsonPropertyName("pollingInterval")]
    public int PollingInterval { get; set; }

    [JsonPropertyName("minReplicaCount")]
    public int MinReplicaCount { get; set; }

    [JsonPropertyName("maxReplicaCount")]
    public int MaxReplicaCount { get; set; }

    /// <summary>Replicas to hold while the triggers cannot be read.</summary>
    [JsonPropertyName("fallback")]
    public ScaledObjectFallback Fallback { get; set; } = new();

    [JsonPropertyName("advanced")]
    public ScaledObjectAdvanced Advanced { get; set; } = new();

    [JsonPropertyName("triggers")]
    public IList<ScaleTrigger> Triggers { get; set; } = [];
}

internal sealed class ScaleTarget
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "apps/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Deployment";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

internal sealed class ScaledObjectFallback
{
    /// <summary>Failed reads in a row before the fallback replicas apply.</summary>
    [JsonPropertyName("failureThreshold")]
    public int FailureThreshold { get; set; }

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }
}

internal sealed class ScaledObjectAdvanced
{
    [JsonPropertyName("horizontalPodAutoscalerConfig")]
    public HorizontalPodAutoscalerConfig HorizontalPodAutoscalerConfig { get; set; } = new();
}

internal sealed class HorizontalPodAutoscalerConfig
{
    /// <summary>The behaviour of the HPA that KEDA creates (named keda-hpa-NAME).</summary>
    [JsonPropertyName("behavior")]
    public V2HorizontalPodAutoscalerBehavior Behavior { get; set; } = new();
}

internal sealed class ScaleTrigger
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>AverageValue: the metric divided by the replica count is compared with the threshold.</summary>
    [JsonPropertyName("metricType")]
    public string MetricType { get; set; } = "";

    /// <summary>Trigger settings; KEDA takes every value as a string.</summary>
    [JsonPropertyName("metadata")]
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();
}
