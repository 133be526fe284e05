using Booster.Operator.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>A BoosterRuntime being deleted gets no new children, and its deletion completes.</summary>
public sealed class DeletionTests : IAsyncLifetime
{
    private const string Hold = "test.booster.dev/hold";
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ARuntimeBeingDeletedGetsNoNewChildren()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        await _scenario.PatchRuntimeAsync("hello", $$$"""{"metadata":{"finalizers":["{{{Hold}}}"]}}""");
        await _scenario.QuietAsync();

        await DeleteRuntimeAsync("Background");
        await _scenario.Client.CoreV1.DeleteNamespacedServiceAsync("hello", Namespace);
        var requests = _scenario.Server.Requests.Count;
        await _scenario.QuietAsync();

        _scenario.OperatorWritesSince(requests).Should().NotContain(w => w.StartsWith("patch ", StringComparison.Ordinal) && w != "patch events",
            "nothing is applied to a runtime with a deletionTimestamp");
        (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Should().BeEmpty();

        await _scenario.PatchRuntimeAsync("hello", """{"metadata":{"finalizers":null}}""");
        await Eventually.True(async () => (await _scenario.Client.AppsV1.ListNamespacedDeploymentAsync(Namespace)).Items.Count == 0, "the Deployment collected");
    }

    [Fact]
    public async Task ForegroundDeletionCompletesWithoutTheOperatorRecreatingWhatIsDeleted()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var deployment = await _scenario.DeploymentAsync("hello");
        await Eventually.True(async () => (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Count == 1, "the Service");
        // A finalizer on the Deployment holds the foreground deletion half way, where the operator could interfere.
        deployment.Metadata.Finalizers = [Hold];
        await _scenario.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "hello", Namespace);
        await _scenario.QuietAsync();

        await DeleteRuntimeAsync("Foreground");
        var requests = _scenario.Server.Requests.Count;
        var deleting = await _scenario.GetRuntimeAsync("hello");
        deleting["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f).Should().Equal("foregroundDeletion");
        await _scenario.QuietAsync();

        _scenario.OperatorWritesSince(requests).Should().NotContain(w => w.StartsWith("patch ", StringComparison.Ordinal) && w != "patch events");
        (await _scenario.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.Should().BeEmpty();

        var held = await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", Namespace);
        held.Metadata.Finalizers = [];
        await _scenario.Client.AppsV1.ReplaceNamespacedDeploymentAsync(held, "hello", Namespace);

        var read = () => _scenario.GetRuntimeAsync("hello");
        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await _scenario.Client.AppsV1.ListNamespacedDeploymentAsync(Namespace)).Items.Should().BeEmpty();
    }

    private Task DeleteRuntimeAsync(string propagationPolicy) =>
        _scenario.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(BoosterRuntime.Group, BoosterRuntime.Version, Namespace, BoosterRuntime.Plural, "hello",
            new V1DeleteOptions { PropagationPolicy = propagationPolicy });
}
