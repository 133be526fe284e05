using Booster.Contract;
using Booster.Operator.Api;
using k8s;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Lost watches and failed writes: the operator converges anyway.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task AfterWatchExpiry410ItRelistsAndSeesWhatChangedMeanwhile()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        // Compact first, so no watch can resume; the change is then visible only to a fresh list.
        _scenario.Server.ExpireWatches();
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"limits":{"timeoutMs":1234}}}""");

        await _scenario.DeploymentAsync("hello", d => Env(d)[BoosterVariables.TimeoutMs] == "1234", "the change applied");
        _scenario.Operator.Metrics.WatchRestarts(BoosterRuntime.Plural, "gone").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AfterADroppedStreamItReconnectsAndConverges()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        var watchesBefore = _scenario.Server.Requests.Count(r => r.Verb == "watch");

        _scenario.Server.DropWatches();
        await Eventually.True(() => _scenario.Server.Requests.Count(r => r.Verb == "watch") >= watchesBefore + 5, "five watches reopened");
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":5}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 5, "5 replicas");
        var reopened = _scenario.Server.Requests.Where(r => r.Verb == "watch").Skip(watchesBefore).ToList();
        reopened.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AServerErrorIsSurfacedInStatusThenRetriedToSuccess()
    {
        _scenario.Server.FailNext("patch", "deployments", 500, times: 3);

        await _scenario.CreateRuntimeAsync("hello");

        await _scenario.DeploymentAsync("hello");
        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "False"), "Degraded=False after retries");
        _scenario.Operator.Metrics.Reconciles("error").Should().Be(3);
        // The failure was written to the status while it lasted.
        _scenario.Server.Requests.Count(r => r.Resource == "boosterruntimes/status").Should().BeGreaterThan(1);
        runtime["status"].Should().NotBeNull();
    }

    [Fact]
    public async Task ALastingFailureStaysVisibleAsDegraded()
    {
        _scenario.Server.FailNext("patch", "services", 500, times: 1000);

        await _scenario.CreateRuntimeAsync("hello");

        var runtime = await _scenario.RuntimeAsync("hello", r => HasCondition(r, BoosterRuntimeConditions.Degraded, "True", "ReconcileFailed"), "Degraded=True ReconcileFailed");
        ((string)Condition(runtime, BoosterRuntimeConditions.Degraded)!["message"]!).Should().Contain("500");
    }
}
