using Booster.Contract;
using Booster.Operator.Api;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Lost watches and failed writes: the operator converges anyway.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private OperatorScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AfterWatchExpiry410ItRelistsAndSeesWhatChangedMeanwhile()
    {
        await scenario.CreateRuntimeAsync("hello");
        await scenario.DeploymentAsync("hello");

        // Compact first, so no watch can resume; the change is then visible only to a fresh list.
        scenario.Server.ExpireWatches();
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":1234}}}""");

        await scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.TimeoutMs] == "1234", "the change applied");
        scenario.Operator.Metrics.WatchRestarts(BoosterRuntime.Plural, "gone").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AfterADroppedStreamItReconnectsAndConverges()
    {
        await scenario.CreateRuntimeAsync("hello");
        await scenario.DeploymentAsync("hello");
        var watchesBefore = scenario.Server.Requests.Count(r => r.Verb == "watch");

        scenario.Server.DropWatches();
        await Eventually.True(() => scenario.Server.Requests.Count(r => r.Verb == "watch") >= watchesBefore + 5, "five watches reopened");
        await scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":5}}""");

        await scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 5, "5 replicas");
        var reopened = scenario.Server.Requests.Where(r => r.Verb == "watch").Skip(watchesBefore).ToList();
        reopened.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AServerErrorIsSurfacedInStatusThenRetriedToSuccess()
    {
        scenario.Server.FailNext("patch", "deployments", 500, times: 3);

        await scenario.CreateRuntimeAsync("hello");

        await scenario.DeploymentAsync("hello");
        var runtime = await scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False after retries");
        scenario.Operator.Metrics.Reconciles("error").Should().Be(3);
        // The failure was written to the status while it lasted.
        scenario.Server.Requests.Count(r => r.Resource == "boosterruntimes/status").Should().BeGreaterThan(1);
        runtime["status"].Should().NotBeNull();
    }

    [Fact]
    public async Task ALastingFailureStaysVisibleAsDegraded()
    {
        scenario.Server.FailNext("patch", "services", 500, times: 1000);

        await scenario.CreateRuntimeAsync("hello");

        var runtime = await scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", "ReconcileFailed"), "Degraded=True ReconcileFailed");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("500");
    }
}
