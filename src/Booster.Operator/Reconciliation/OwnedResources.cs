using Booster.Operator.Watching;
using k8s;
using k8s.Models;

namespace Booster.Operator.Reconciliation;

/// <summary>The kinds a BoosterRuntime owns, each with its typed KubernetesClient calls.</summary>
internal static class OwnedResources
{
    public static IReadOnlyList<IOwnedResource> For(IKubernetes client, string? ns, TimeSpan watchTimeout) =>
    [
        new OwnedResource<V1Deployment>("Deployment", ListWatches.Deployments(client, ns, watchTimeout),
            (obj, n, ct) => client.AppsV1.CreateNamespacedDeploymentAsync(obj, n, cancellationToken: ct),
            (obj, name, n, ct) => client.AppsV1.ReplaceNamespacedDeploymentAsync(obj, name, n, cancellationToken: ct),
            (name, n, ct) => client.AppsV1.ReadNamespacedDeploymentAsync(name, n, cancellationToken: ct),
            (name, n, ct) => client.AppsV1.DeleteNamespacedDeploymentAsync(name, n, cancellationToken: ct)),
        new OwnedResource<V1Service>("Service", ListWatches.Services(client, ns, watchTimeout),
            (obj, n, ct) => client.CoreV1.CreateNamespacedServiceAsync(obj, n, cancellationToken: ct),
            (obj, name, n, ct) => client.CoreV1.ReplaceNamespacedServiceAsync(obj, name, n, cancellationToken: ct),
            (name, n, ct) => client.CoreV1.ReadNamespacedServiceAsync(name, n, cancellationToken: ct),
            (name, n, ct) => client.CoreV1.DeleteNamespacedServiceAsync(name, n, cancellationToken: ct)),
        new OwnedResource<V2HorizontalPodAutoscaler>("HorizontalPodAutoscaler", ListWatches.HorizontalPodAutoscalers(client, ns, watchTimeout),
            (obj, n, ct) => client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(obj, n, cancellationToken: ct),
            (obj, name, n, ct) => client.AutoscalingV2.ReplaceNamespacedHorizontalPodAutoscalerAsync(obj, name, n, cancellationToken: ct),
            (name, n, ct) => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, n, cancellationToken: ct),
            (name, n, ct) => client.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync(name, n, cancellationToken: ct)),
        new OwnedResource<V1PodDisruptionBudget>("PodDisruptionBudget", ListWatches.PodDisruptionBudgets(client, ns, watchTimeout),
            (obj, n, ct) => client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(obj, n, cancellationToken: ct),
            (obj, name, n, ct) => client.PolicyV1.ReplaceNamespacedPodDisruptionBudgetAsync(obj, name, n, cancellationToken: ct),
            (name, n, ct) => client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, n, cancellationToken: ct),
            (name, n, ct) => client.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(name, n, cancellationToken: ct)),
    ];
}
