using Booster.Operator.Desired;
using Booster.Operator.Queue;

namespace Booster.Operator.Reconciliation;

/// <summary>Settings of the operator process; <see cref="RunArguments"/> fills them from the command line and environment.</summary>
internal sealed record OperatorOptions
{
    /// <summary>The one namespace to watch; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Take a Lease before reconciling, so that of several replicas only one acts.</summary>
    public bool LeaderElect { get; init; }

    public string LeaseName { get; init; } = "booster-operator";

    public string LeaseNamespace { get; init; } = "default";

    /// <summary>This instance's name in the Lease (the pod name in a cluster).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    // KubernetesClient's LeaderElector defaults, which are client-go's.
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reconciles that may run at once (never two for one BoosterRuntime).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Where /healthz, /readyz and /metrics listen.</summary>
    public string MetricsAddress { get; init; } = "http://0.0.0.0:8080";

    public ExponentialBackoff ReconcileBackoff { get; init; } = ExponentialBackoff.Reconcile;

    public ExponentialBackoff WatchBackoff { get; init; } = ExponentialBackoff.Watch;

    /// <summary>Server-side timeout of one watch stream; the watch resumes from where it was.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every BoosterRuntime is reconciled at least this often, events or not.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    public DesiredStateOptions Desired { get; init; } = DesiredStateOptions.Default;
}
