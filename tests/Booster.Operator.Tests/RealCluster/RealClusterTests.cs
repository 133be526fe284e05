using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;

namespace Booster.Operator.Tests.RealCluster;

/// <summary>
/// End to end against a real API server (kind or k3s): the operator runs in-process with the
/// cluster's kubeconfig, in a namespace of its own that the test deletes afterwards. Pods need
/// not become ready (the runtime image may not be pullable in CI); the checks are on the objects
/// and the status the API server holds.
/// </summary>
[Trait("Category", "RealCluster")]
public sealed class RealClusterTests
{
    /// <summary>Runs <paramref name="test"/> with the operator watching a fresh namespace, deleted afterwards.</summary>
    private static async Task InNamespaceAsync(Func<IKubernetes, string, Task> test)
    {
        using var client = await RealCluster.ConnectOrSkipAsync();
        var ns = $"booster-e2e-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG"));
            await using var running = await RunningOperator.StartAsync(config, RunningOperator.FastOptions("real-cluster-test") with { Namespace = ns });
            await test(client, ns);
        }
        finally
        {
            await client.CoreV1.DeleteNamespaceAsync(ns);
        }
    }

    [SkippableFact]
    public Task ABoosterRuntimeBecomesItsObjectsAndSpecChangesRollThem() => InNamespaceAsync(async (client, ns) =>
    {
        var runtime = JsonNode.Parse("""{"apiVersion":"booster.dev/v1alpha1","kind":"BoosterRuntime","metadata":{"name":"e2e"},"spec":{"node":{"tuneMaxMapCount":false}}}""");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(runtime, BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural);

        var deployment = await Eventually.Value(() => client.AppsV1.ReadNamespacedDeploymentAsync("e2e", ns), _ => true, "the Deployment", TimeSpan.FromSeconds(30));
        await Eventually.Value(() => client.CoreV1.ReadNamespacedServiceAsync("e2e", ns), _ => true, "the Service", TimeSpan.FromSeconds(30));
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"pool":{"maxConcurrency":4}}}""", V1Patch.PatchType.MergePatch),
            BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, "e2e");

        await Eventually.True(async () =>
                (await client.AppsV1.ReadNamespacedDeploymentAsync("e2e", ns)).Spec.Template.Metadata.Annotations["booster.dev/config-hash"]
                != deployment.Spec.Template.Metadata.Annotations["booster.dev/config-hash"],
            "the pod template to change", TimeSpan.FromSeconds(30));
        await Eventually.True(async () =>
        {
            var status = JsonNode.Parse(KubernetesJson.Serialize(await client.CustomObjects.GetNamespacedCustomObjectStatusAsync(
                BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, "e2e")))!["status"];
            return (long?)status?["observedGeneration"] == 2;
        }, "observedGeneration 2", TimeSpan.FromSeconds(30));
    });

    [SkippableFact]
    public Task FieldsTurnedOffRemovedOrSwitchedLeaveThePodTemplate() => InNamespaceAsync(async (client, ns) =>
    {
        var runtime = JsonNode.Parse("""
            {"apiVersion":"booster.dev/v1alpha1","kind":"BoosterRuntime","metadata":{"name":"e2e"},
             "spec":{"node":{"tuneMaxMapCount":true},"modules":{"configMap":{"name":"mods"}},"pod":{"nodeSelector":{"disk":"ssd"}},
                     "env":[{"name":"EXTRA","value":"1"}]}}
            """);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(runtime, BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural);
        await Eventually.Value(() => client.AppsV1.ReadNamespacedDeploymentAsync("e2e", ns),
            d => d.Spec.Template.Spec.NodeSelector?.ContainsKey("disk") == true && d.Spec.Template.Spec.InitContainers?.Count == 1, "the first template",
            TimeSpan.FromSeconds(30));

        // Turn off, remove and switch, in one change as a user would.
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""
            {"spec":{"node":{"tuneMaxMapCount":false},"modules":{"configMap":null,"persistentVolumeClaim":{"claimName":"mods"}},
                     "pod":{"nodeSelector":null},"env":null}}
            """, V1Patch.PatchType.MergePatch), BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, "e2e");

        var after = await Eventually.Value(() => client.AppsV1.ReadNamespacedDeploymentAsync("e2e", ns),
            d => d.Spec.Template.Spec.Volumes.Any(v => v.PersistentVolumeClaim is not null), "the switched template", TimeSpan.FromSeconds(30));
        var pod = after.Spec.Template.Spec;
        pod.NodeSelector.Should().BeNullOrEmpty();
        pod.InitContainers.Should().BeNullOrEmpty("the privileged init container is gone with tuneMaxMapCount");
        pod.Volumes.Single(v => v.Name == "modules").ConfigMap.Should().BeNull();
        pod.Containers.Single().Env.Should().NotContain(e => e.Name == "EXTRA");
        await Eventually.True(async () =>
        {
            var status = JsonNode.Parse(KubernetesJson.Serialize(await client.CustomObjects.GetNamespacedCustomObjectStatusAsync(
                BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, "e2e")))!["status"];
            return status?["conditions"]?.AsArray().Any(c => (string?)c!["type"] == "Degraded" && (string?)c["status"] == "False") == true
                && (long?)status["observedGeneration"] == 2;
        }, "Degraded=False at generation 2", TimeSpan.FromSeconds(30));
    });
}
