using Booster.Operator.Hosting;
using Booster.Operator.Reconciliation;
using Booster.Operator.Tests.Support;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// A cluster where nothing changes sees no writes from the operator, also after its caches were
/// filled again from a LIST (whose items of built-in kinds come without apiVersion and kind, as a
/// real API server sends them): after a 410 relist and after a leader change.
/// </summary>
public sealed class QuietClusterTests : IAsyncLifetime
{
    /// <summary>Every kind a runtime can own without KEDA: Deployment, Service, PodDisruptionBudget, NetworkPolicy, HPA.</summary>
    private const string EveryOwnedKind = """
        replicas: 2
        resources: {requests: {cpu: 100m}}
        autoscaling: {minReplicas: 2, maxReplicas: 4}
        access: {allowFrom: [{namespaceSelector: {matchLabels: {team: web}}}]}
        """;

    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync(startOperator: false);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task NothingIsWrittenAfterARelistNorAfterALeaderChange()
    {
        await using var first = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-a"));
        await Eventually.True(() => first.State.Leading, "operator-a leads");
        await _scenario.CreateRuntimeAsync("hello", EveryOwnedKind);
        await Eventually.True(async () => (await _scenario.OwnedVersionsAsync("hello")).Count == 5, "the five owned objects");
        await _scenario.QuietAsync(first);

        // The watches expire (410): every cache is filled again from a LIST, and every runtime reconciled.
        var requests = _scenario.Server.Requests.Count;
        _scenario.Server.ExpireWatches();
        await Eventually.True(() => _scenario.Server.Requests.Skip(requests).Count(r => r.Verb == "list") >= 6, "the caches listed again");
        _scenario.Server.MarkDeploymentReady(Namespace, "hello");
        await _scenario.QuietAsync(first);
        OwnedWrites(requests).Should().BeEmpty("nothing changed but the Deployment's status");

        // A new leader fills its caches from LISTs too.
        await first.StopAsync();
        await using var second = await _scenario.StartOperatorAsync(RunningOperator.Elected("operator-b"));
        requests = _scenario.Server.Requests.Count;
        await Eventually.True(() => second.State.Leading, "operator-b leads");
        await Eventually.True(() => second.Metrics.TotalReconciles > 0, "operator-b reconciles");
        _scenario.Server.SetDeploymentConditions(Namespace, "hello", ("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
        await _scenario.QuietAsync(second);
        OwnedWrites(requests).Should().BeEmpty("a new leader finds every object as applied");
    }

    /// <summary>The operator's writes other than the runtime's status (which follows the Deployment's).</summary>
    private IReadOnlyList<string> OwnedWrites(int since) =>
        _scenario.OperatorWritesSince(since).Where(w => w != "patch boosterruntimes/status").ToList();
}
