using Booster.Contract;
using Booster.Operator.Tests.Support;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>The scenarios a user drives with kubectl v1.33 (the real binary) against the fixture and the running operator.</summary>
public sealed class KubectlTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [SkippableFact]
    public async Task ApplyingTheMinimalSampleCreatesTheOwnedObjects()
    {
        Kubectl.SkipUnlessInstalled();

        var output = await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");

        output.Should().Contain("configmap/hello-modules created").And.Contain("boosterruntime.booster.dev/hello created");
        var deployment = await _scenario.DeploymentAsync("hello");
        Env(deployment)[BoosterVariables.Path].Should().NotBeNullOrEmpty();
        deployment.Metadata.OwnerReferences.Single().Name.Should().Be("hello");
        await Eventually.True(async () => (await _scenario.Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(Namespace)).Items.Count == 1, "the PDB");
    }

    [SkippableFact]
    public async Task GetBrtPrintsThePrinterColumns()
    {
        Kubectl.SkipUnlessInstalled();
        await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");
        await _scenario.DeploymentAsync("hello");
        _scenario.Server.MarkDeploymentReady(Namespace, "hello");
        await _scenario.RuntimeAsync("hello", r => (int?)r["status"]?["readyReplicas"] == 2, "readyReplicas 2");

        var output = await Kubectl.SucceedAsync(_scenario.Server, "get", "brt");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^NAME\s+READY\s+DESIRED\s+AVAILABLE\s+POOL MAX\s+AGE$");
        lines[1].Should().MatchRegex(@"^hello\s+2\s+2\s+True\s+8\s+\d+s$");
    }

    [SkippableFact]
    public async Task ReapplyingAChangedSpecUpdatesTheDeployment()
    {
        Kubectl.SkipUnlessInstalled();
        await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");
        var before = await _scenario.DeploymentAsync("hello");
        var changed = Path.Combine(_scenario.Server.CacheDirectory, "..", "changed.yaml");
        await File.WriteAllTextAsync(changed, (await File.ReadAllTextAsync(RepositoryPaths.Sample("minimal.yaml"))).Replace("spec:\n", "spec:\n  pool: {maxConcurrency: 3}\n"));

        var output = await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", changed);

        output.Should().Contain("boosterruntime.booster.dev/hello configured").And.Contain("configmap/hello-modules unchanged");
        var after = await _scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.PoolMax] == "3", "pool max 3");
        Hash(after).Should().NotBe(Hash(before));
    }

    [SkippableFact]
    public async Task ScalingTheBoosterRuntimeScalesTheDeployment()
    {
        Kubectl.SkipUnlessInstalled();
        await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");
        await _scenario.RuntimeAsync("hello", r => r["status"]?["selector"] is not null, "the status selector");

        var output = await Kubectl.SucceedAsync(_scenario.Server, "scale", "brt", "hello", "--replicas", "3");

        output.Should().Contain("scaled");
        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 3, "3 replicas");
    }

    [SkippableFact]
    public async Task AnEditedDeploymentIsPutBack()
    {
        Kubectl.SkipUnlessInstalled();
        await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");
        await _scenario.DeploymentAsync("hello");

        await Kubectl.SucceedAsync(_scenario.Server, "patch", "deployment", "hello", "--type", "merge", "-p", """{"spec":{"replicas":9}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 2, "replicas put back");
    }

    [SkippableFact]
    public async Task DeletingTheBoosterRuntimeDeletesWhatItOwns()
    {
        Kubectl.SkipUnlessInstalled();
        await Kubectl.SucceedAsync(_scenario.Server, "apply", "-f", "config/samples/minimal.yaml");
        await _scenario.RuntimeAsync("hello", r => r["status"] is not null, "the first reconcile done");

        await Kubectl.SucceedAsync(_scenario.Server, "delete", "brt", "hello");

        await Eventually.True(async () => (await _scenario.Client.AppsV1.ListNamespacedDeploymentAsync(Namespace)).Items.Count == 0, "no Deployment");
        await Eventually.True(async () => (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Count == 0, "no Service");
    }
}
