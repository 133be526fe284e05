using k8s;

namespace Booster.Operator.Tests.RealCluster;

/// <summary>
/// The cluster the real-cluster suite runs against: only the one KUBECONFIG names (kind or
/// k3s), never a default ~/.kube/config and never the fixture. Tests skip, saying why, when
/// KUBECONFIG is unset, unreadable or the cluster does not answer, or when it lacks the
/// BoosterRuntime CRD.
/// </summary>
internal static class RealCluster
{
    public static async Task<IKubernetes> ConnectOrSkipAsync()
    {
        var path = Environment.GetEnvironmentVariable("KUBECONFIG");
        Skip.If(string.IsNullOrEmpty(path), "KUBECONFIG is not set: the real-cluster suite runs only against a cluster named there (see config/README.md)");
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (Exception e)
        {
            Skip.If(true, $"KUBECONFIG={path} cannot be read: {e.Message}");
            throw;
        }
        var client = new Kubernetes(config);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("boosterruntimes.booster.dev", cancellationToken: timeout.Token);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            client.Dispose();
            Skip.If(true, $"the cluster of KUBECONFIG={path} has no BoosterRuntime CRD; kubectl apply -f config/crds/ first");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException)
        {
            client.Dispose();
            Skip.If(true, $"the cluster of KUBECONFIG={path} does not answer: {e.Message}");
        }
        return client;
    }
}
