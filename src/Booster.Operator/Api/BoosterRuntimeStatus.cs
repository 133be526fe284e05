using System.Text.Json.Serialization;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>What the operator last observed of a BoosterRuntime and its Deployment.</summary>
internal sealed class BoosterRuntimeStatus
{
    /// <summary>The <c>metadata.generation</c> this status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods of the Deployment (the scale subresource's status replicas).</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Pods the Deployment wants: spec.replicas, or what the HorizontalPodAutoscaler chose.</summary>
    [JsonPropertyName("desiredReplicas")]
    public int? DesiredReplicas { get; set; }

    /// <summary>Pods that pass their readiness probe.</summary>
    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods ready for at least the Deployment's minReadySeconds.</summary>
    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    /// <summary>Label selector of the pods, as text, for <c>kubectl scale</c> and the HPA.</summary>
    [JsonPropertyName("selector")]
    public string? Selector { get; set; }

    /// <summary>Available, Progressing and Degraded (reason InvalidSpec when the spec is rejected); Autoscaling with metric concurrency.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
