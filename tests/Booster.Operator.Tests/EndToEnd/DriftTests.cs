using Booster.Contract;
using k8s;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Owned objects changed behind the operator's back are put back.</summary>
public sealed class DriftTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ADeletedDeploymentIsCreatedAgain()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var first = await _scenario.DeploymentAsync("hello");

        await _scenario.Client.AppsV1.DeleteNamespacedDeploymentAsync("hello", Namespace);

        var second = await _scenario.DeploymentAsync("hello", d => d.Metadata.Uid != first.Metadata.Uid, "a new Deployment");
        Hash(second).Should().Be(Hash(first));
    }

    [Fact]
    public async Task AnEditedEnvIsPutBack()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        await Edit(d => d.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == BoosterVariables.PoolMax).Value = "999");

        await _scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.PoolMax] == "8", "the env put back");
    }

    [Fact]
    public async Task ChangedReplicasArePutBackWhenThereIsNoHpa()
    {
        await _scenario.CreateRuntimeAsync("hello", "replicas: 2");
        await _scenario.DeploymentAsync("hello");

        await Edit(d => d.Spec.Replicas = 7);

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 2, "replicas put back to 2");
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Reason == "Updated" && e.Message.Contains("spec.replicas")),
            "an Updated event naming spec.replicas");
    }

    [Fact]
    public async Task ReplicasSetByTheHpaAreLeftAlone()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 9}\nresources: {requests: {cpu: 100m}}");
        await _scenario.DeploymentAsync("hello");

        var edited = await Edit(d => d.Spec.Replicas = 6);

        // The reconcile that read the scaled Deployment has finished and left it as the HPA set it.
        (await _scenario.ReconciledAsync("hello", deploymentVersion: edited.Metadata.ResourceVersion)).Outcome.Should().Be("success");
        var after = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        after.Spec.Replicas.Should().Be(6);
        after.Metadata.ResourceVersion.Should().Be(edited.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task FieldsOthersAddAreNotDrift()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        await _scenario.RuntimeAsync("hello", r => r["status"] is not null, "a status");

        var edited = await Edit(d => d.Metadata.Annotations["deployment.kubernetes.io/revision"] = "1");

        (await _scenario.ReconciledAsync("hello", deploymentVersion: edited.Metadata.ResourceVersion)).Outcome.Should().Be("success");
        (await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace)).Metadata.ResourceVersion.Should().Be(edited.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task TheDeploymentControllersStatusWritesAreNotDrift()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        _scenario.Server.MarkDeploymentReady(Namespace, "hello");
        var ready = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);

        (await _scenario.ReconciledAsync("hello", deploymentVersion: ready.Metadata.ResourceVersion)).Outcome.Should().Be("success");
        (await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace)).Metadata.ResourceVersion.Should().Be(ready.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ADeletedServiceIsCreatedAgain()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await Eventually.True(async () => (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Count == 1, "the Service");

        await _scenario.Client.CoreV1.DeleteNamespacedServiceAsync("hello", Namespace);

        await Eventually.True(async () => (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Count == 1, "the Service again");
    }

    private async Task<V1Deployment> Edit(Action<V1Deployment> change)
    {
        var deployment = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        change(deployment);
        return await _scenario.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "hello", Namespace);
    }
}
