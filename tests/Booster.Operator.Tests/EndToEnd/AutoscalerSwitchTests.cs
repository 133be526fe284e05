using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Reconciliation;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// Switching between cpu and concurrency against a KEDA whose admission webhook reads a cache
/// that trails the API server, and whose own HPA outlives the ScaledObject for a while: the new
/// autoscaler waits until the old one is gone, there are never two, and nothing is reported as
/// a failure meanwhile.
/// </summary>
public sealed class AutoscalerSwitchTests : IAsyncLifetime
{
    private static readonly TimeSpan WebhookLag = TimeSpan.FromSeconds(1.5);

    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync(keda: true, kedaWebhookLag: WebhookLag);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task FromCpuToConcurrencyTheScaledObjectWaitsForTheWebhookToSeeTheHpaGone()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await Eventually.True(async () => await _scenario.HpaCountAsync() == 1, "the HPA");
        await _scenario.QuietAsync();
        await Task.Delay(WebhookLag * 1.5); // the webhook's cache has seen the HPA, as it would have long since

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"concurrency"}}}""");

        var degraded = await WatchDegradedUntilAsync(async () => (await _scenario.ScaledObjectsAsync()).Count == 1 && await _scenario.HpaCountAsync() == 0);
        degraded.Should().BeEmpty("a webhook that has not seen the HPA go yet is waited out, not a failure");
        (await _scenario.EventsAsync()).Should().NotContain(e => e.Type == "Warning", "the switch went as planned");
        await _scenario.QuietAsync();
        _scenario.Operator.Metrics.Reconciles("waiting").Should().BeGreaterThan(0, "the webhook refused at first, the lag being longer than the deletion took");
    }

    [Fact]
    public async Task FromConcurrencyToCpuTheHpaWaitsForKedasOwnHpaToGo()
    {
        await _scenario.CreateRuntimeAsync("hello", "autoscaling: {metric: concurrency, minReplicas: 2, maxReplicas: 4}\nresources: {requests: {cpu: 100m}}");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 1, "the ScaledObject");
        // What KEDA makes for the ScaledObject; it outlives the ScaledObject until KEDA removes it.
        await _scenario.Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(KedaHpa(), Namespace);
        await _scenario.QuietAsync();

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"autoscaling":{"metric":"cpu"}}}""");
        await Eventually.Value(() => _scenario.ScaledObjectsAsync(), items => items.Count == 0, "the ScaledObject deleted");
        await Task.Delay(500);

        (await _scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items.Select(h => h.Metadata.Name)
            .Should().Equal([AutoscalerSwitch.KedaHpaName("hello")], "no second HPA while KEDA's is there");
        await _scenario.Client.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync(AutoscalerSwitch.KedaHpaName("hello"), Namespace);
        await Eventually.True(async () => (await _scenario.Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(Namespace)).Items
            .Select(h => h.Metadata.Name).SequenceEqual(["hello"]), "the operator's HPA once KEDA's is gone");
        (await _scenario.GetRuntimeAsync("hello")).Should().Match<JsonObject>(r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False", null));
    }

    /// <summary>Polls the runtime until <paramref name="done"/>, and returns every Degraded=True message seen meanwhile.</summary>
    private async Task<IReadOnlyList<string>> WatchDegradedUntilAsync(Func<Task<bool>> done)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await done())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the switch to finish");
            if (Condition(await _scenario.GetRuntimeAsync("hello"), BoosterRuntimeConditions.Degraded) is { } c && (string?)c["status"] == "True")
                seen.Add((string)c["message"]!);
            await Task.Delay(50);
        }
        return seen;
    }

    private static V2HorizontalPodAutoscaler KedaHpa() => new()
    {
        Metadata = new V1ObjectMeta { Name = AutoscalerSwitch.KedaHpaName("hello"), Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "keda-operator" } },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "hello" },
            MinReplicas = 2,
            MaxReplicas = 4,
        },
    };
}
