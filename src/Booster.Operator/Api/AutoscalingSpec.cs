using System.Text.Json.Serialization;

namespace Booster.Operator.Api;

/// <summary>
/// Horizontal autoscaling on CPU utilisation. The HPA then owns the Deployment's replica
/// count, and <c>spec.resources.requests.cpu</c> must be set (utilisation is measured against it).
/// </summary>
public sealed class AutoscalingSpec
{
    /// <summary>Fewest replicas.</summary>
    [JsonPropertyName("minReplicas")]
    public int MinReplicas { get; set; } = 1;

    /// <summary>Most replicas; required.</summary>
    [JsonPropertyName("maxReplicas")]
    public int? MaxReplicas { get; set; }

    /// <summary>Average CPU utilisation, in percent of the request, that the HPA aims for.</summary>
    [JsonPropertyName("targetCPUUtilizationPercentage")]
    public int TargetCPUUtilizationPercentage { get; set; } = 80;
}
