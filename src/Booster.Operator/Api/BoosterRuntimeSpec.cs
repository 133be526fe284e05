using System.Text.Json.Serialization;
using k8s.Models;

namespace Booster.Operator.Api;

/// <summary>
/// The desired pool. Every field is optional: objects that are not null here have defaults
/// that the CRD schema also applies (a test checks they agree).
/// </summary>
internal sealed class BoosterRuntimeSpec
{
    public const int DefaultReplicas = 2;

    /// <summary>Number of runtime pods; ignored (left to the HPA) when <see cref="Autoscaling"/> is set.</summary>
    [JsonPropertyName("replicas")]
    public int Replicas { get; set; } = DefaultReplicas;

    /// <summary>Runtime container image; null means the operator's configured default.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Executions in flight and the queue in front of them, per pod.</summary>
    [JsonPropertyName("pool")]
    public PoolSpec Pool { get; set; } = new();

    /// <summary>Wasmtime memory tuning.</summary>
    [JsonPropertyName("wasmtime")]
    public WasmtimeSpec Wasmtime { get; set; } = new();

    /// <summary>Limits on one execution and one request.</summary>
    [JsonPropertyName("limits")]
    public LimitsSpec Limits { get; set; } = new();

    /// <summary>Where the modules come from; null means those built into the runtime image.</summary>
    [JsonPropertyName("modules")]
    public ModulesSpec? Modules { get; set; }

    /// <summary>The volume of the compiled-code cache.</summary>
    [JsonPropertyName("cache")]
    public CacheSpec Cache { get; set; } = new();

    /// <summary>Node tuning done by a privileged init container.</summary>
    [JsonPropertyName("node")]
    public NodeSpec Node { get; set; } = new();

    /// <summary>Compute resources of the runtime container (core/v1 ResourceRequirements).</summary>
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Extra environment of the runtime container, after the derived BOOSTER_* variables.</summary>
    [JsonPropertyName("env")]
    public IList<V1EnvVar>? Env { get; set; }

    /// <summary>The Service in front of the pods.</summary>
    [JsonPropertyName("service")]
    public ServiceSpec Service { get; set; } = new();

    /// <summary>Pod-level settings passed through to the pod template.</summary>
    [JsonPropertyName("pod")]
    public PodSpec? Pod { get; set; }

    /// <summary>Data imports the guests may use (Redis, PostgreSQL), their URLs from Secrets.</summary>
    [JsonPropertyName("capabilities")]
    public CapabilitiesSpec? Capabilities { get; set; }

    /// <summary>When set, an HPA scales the Deployment on CPU utilisation.</summary>
    [JsonPropertyName("autoscaling")]
    public AutoscalingSpec? Autoscaling { get; set; }

    /// <summary>Who may call the runtimes: a NetworkPolicy and a bearer token.</summary>
    [JsonPropertyName("access")]
    public AccessSpec? Access { get; set; }
}
