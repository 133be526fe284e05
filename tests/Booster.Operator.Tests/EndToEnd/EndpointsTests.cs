using System.Net;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>/healthz, /readyz and /metrics of the operator process.</summary>
public sealed class EndpointsTests
{
    [Fact]
    public async Task ProbesAnswerAndMetricsCountReconcilesQueueDepthAndDuration()
    {
        await using var scenario = await OperatorScenario.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(scenario.Operator.Url) };
        await scenario.CreateRuntimeAsync("hello");
        await scenario.CreateRuntimeAsync("broken", "pool: {maxConcurrency: 0}");
        await scenario.DeploymentAsync("hello");
        await Eventually.True(() => scenario.Operator.Metrics.Reconciles("success") > 0, "a successful reconcile");
        await Eventually.True(() => scenario.Operator.Metrics.Reconciles("invalid_spec") > 0, "the invalid spec reconciled");

        (await http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.True(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready");
        var metrics = await http.GetStringAsync("/metrics");

        metrics.Should().Contain("booster_operator_reconciles_total{result=\"success\"}")
            .And.Contain("booster_operator_reconciles_total{result=\"invalid_spec\"}")
            .And.Contain("booster_operator_queue_depth")
            .And.Contain("booster_operator_reconcile_duration_seconds_bucket")
            .And.Contain("booster_operator_leader 1");
    }

    [Fact]
    public async Task AnOperatorScopedToOneNamespaceIgnoresTheOthers()
    {
        await using var scenario = await OperatorScenario.StartAsync(o => o with { Namespace = "team-a" });

        await scenario.CreateRuntimeAsync("outside", ns: "team-b");
        await scenario.CreateRuntimeAsync("inside", ns: "team-a");

        await scenario.DeploymentAsync("inside", ns: "team-a");
        await scenario.RuntimeAsync("inside", r => r["status"] is not null, "a status", ns: "team-a");
        (await scenario.GetRuntimeAsync("outside", "team-b"))["status"].Should().BeNull();
        // The test itself never lists or watches: every list and watch is the operator's.
        scenario.Server.Requests.Where(r => r.Verb is "list" or "watch").Should().NotBeEmpty().And.OnlyContain(r => r.Namespace == "team-a");
    }
}
