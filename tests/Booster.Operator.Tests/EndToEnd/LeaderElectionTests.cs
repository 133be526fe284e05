using System.Text.Json.Nodes;
using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>Two operator instances against one API server: only the lease holder acts.</summary>
public sealed class LeaderElectionTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync(startOperator: false);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task ExactlyOneInstanceActsAndTheOtherTakesOverWhenTheLeaderStops()
    {
        await using var a = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-a"));
        await using var b = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-b"));
        await Eventually.True(() => a.State.Leading || b.State.Leading, "a leader");
        var (leader, standby) = a.State.Leading ? (a, b) : (b, a);

        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");
        await _scenario.RuntimeAsync("hello", r => r["status"] is not null, "a status");

        standby.State.Leading.Should().BeFalse();
        await Eventually.True(() => leader.Metrics.TotalReconciles > 0, "the leader's reconcile to be counted");
        standby.Metrics.TotalReconciles.Should().Be(0, "the standby must not reconcile");
        var lease = await _scenario.Client.CoordinationV1.ReadNamespacedLeaseAsync("booster-operator", "default");
        lease.Spec.HolderIdentity.Should().Be(leader.Options.Identity);

        await leader.StopAsync();
        await Eventually.True(() => standby.State.Leading, "the standby to take the lease");
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":4}}""");

        await _scenario.DeploymentAsync("hello", d => d.Spec.Replicas == 4, "the new leader to apply the change");
        await Eventually.True(() => standby.Metrics.TotalReconciles > 0, "the new leader's reconciles to be counted");
    }

    [Fact]
    public async Task LosingTheLeaseStopsWorkAtOnce()
    {
        await using var only = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-a"));
        await Eventually.True(() => only.State.Leading, "leadership");
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.DeploymentAsync("hello");

        // Another holder takes the lease (as after a network partition); the instance must stop.
        await Steal("someone-else");
        await Eventually.True(() => !only.State.Leading, "the instance to stop leading", TimeSpan.FromSeconds(10));
        var reconciles = only.Metrics.TotalReconciles;
        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"replicas":6}}""");
        // Keep the foreign lease fresh while checking that nothing happens.
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(200);
            await Steal("someone-else");
        }

        only.Metrics.TotalReconciles.Should().Be(reconciles);
        (await _scenario.Client.AppsV1.ReadNamespacedDeploymentAsync("hello", "default")).Spec.Replicas.Should().Be(2);
    }

    [Fact]
    public async Task ALeaderThatStopsReleasesTheLeaseSoAStandbyTakesOverWithinSecondsNotAtExpiry()
    {
        // A lease far longer than the hand-over may take: only a release explains a quick take-over.
        OperatorOptions Slow(string identity) => RunningOperator.Elected(identity) with
        {
            LeaseDuration = TimeSpan.FromSeconds(30), RenewDeadline = TimeSpan.FromSeconds(20), RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        await using var a = await _scenario.StartOperatorAsync(Slow("operator-a"));
        await Eventually.True(() => a.State.Leading, "a leads");
        await using var b = await _scenario.StartOperatorAsync(Slow("operator-b"));

        var stopped = System.Diagnostics.Stopwatch.StartNew();
        await a.StopAsync();
        await Eventually.True(() => b.State.Leading, "b takes over", TimeSpan.FromSeconds(25));
        var handOver = stopped.Elapsed;
        output.WriteLine($"hand-over after the leader stopped: {handOver.TotalMilliseconds:F0} ms (lease 30 s, retry period 200 ms)");

        handOver.Should().BeLessThan(TimeSpan.FromSeconds(5), "the released lease is free at once; waiting for expiry would take 30 s");
        (await _scenario.Client.CoordinationV1.ReadNamespacedLeaseAsync("booster-operator", "default")).Spec.HolderIdentity.Should().Be("operator-b");
    }

    [Fact]
    public async Task TheLeaseNameIsConfigurable()
    {
        await using var only = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-a") with { LeaseName = "release-one-booster-operator" });

        await Eventually.True(() => only.State.Leading, "leadership");

        (await _scenario.Client.CoordinationV1.ReadNamespacedLeaseAsync("release-one-booster-operator", "default")).Spec.HolderIdentity.Should().Be("operator-a");
    }

    [Fact]
    public async Task AControllerThatFailsGivesUpTheLeaseAndStopsTheProcessAsFailed()
    {
        await using var failing = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-a"),
            logging => logging.ClearProviders().AddProvider(new ThrowingLoggerProvider("Caches loaded")));

        await Eventually.True(() => failing.Stopping.IsCancellationRequested, "the operator to ask its host to stop");
        await failing.StopAsync(); // what the host's Run does next

        failing.State.Failed.Should().BeTrue("booster-operator run then exits 1");
        failing.State.Leading.Should().BeFalse();
        (await _scenario.Client.CoordinationV1.ReadNamespacedLeaseAsync("booster-operator", "default")).Spec.HolderIdentity.Should().BeEmpty();
    }

    private async Task Steal(string holder)
    {
        var lease = await _scenario.Client.CoordinationV1.ReadNamespacedLeaseAsync("booster-operator", "default");
        lease.Spec.HolderIdentity = holder;
        lease.Spec.RenewTime = DateTime.UtcNow;
        lease.Spec.LeaseDurationSeconds = 60;
        await _scenario.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "booster-operator", "default");
    }
}
