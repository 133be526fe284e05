using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;
using k8s;
using k8s.Models;
using static Booster.Operator.Tests.EndToEnd.OperatorScenario;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>
/// <c>spec.access</c> switched on and off: <c>allowFrom</c> becomes a NetworkPolicy (deleted again
/// when removed), <c>tokenSecretRef</c> reaches the pods as <c>BOOSTER_AUTH_TOKEN</c> (gone again when removed).
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string AllowFrom = """
        {"spec":{"access":{"allowFrom":[
          {"namespaceSelector":{"matchLabels":{"team":"web"}}},
          {"podSelector":{"matchExpressions":[{"key":"role","operator":"In","values":["frontend","api"]}]}}
        ]}}}
        """;

    private OperatorScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await OperatorScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    private async Task<IList<V1NetworkPolicy>> NetworkPoliciesAsync() => (await _scenario.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(Namespace)).Items;

    [Fact]
    public async Task AllowFromBecomesANetworkPolicyAndRemovingItDeletesThePolicy()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var deployment = await _scenario.DeploymentAsync("hello");

        await _scenario.PatchRuntimeAsync("hello", AllowFrom);

        var policy = (await Eventually.Value(NetworkPoliciesAsync, items => items.Count == 1, "one NetworkPolicy")).Single();
        policy.Metadata.Name.Should().Be("hello");
        policy.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "BoosterRuntime" && o.Controller == true);
        policy.Spec.PodSelector.MatchLabels.Should().Equal(deployment.Spec.Selector.MatchLabels, "the policy selects exactly the runtime's pods");
        policy.Spec.PolicyTypes.Should().Equal("Ingress");
        policy.Spec.Ingress.Should().HaveCount(2);
        policy.Spec.Ingress[0].FromProperty.Select(p => p.NamespaceSelector?.MatchLabels?["team"]).Should().Equal("web", null);
        policy.Spec.Ingress[0].FromProperty[1].PodSelector.MatchExpressions.Single().Values.Should().Equal("frontend", "api");
        policy.Spec.Ingress.Should().AllSatisfy(rule => rule.Ports.Single().Port.Value.Should().Be(RuntimeSettings.Defaults.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The scrape is always admitted, so dashboards, alerts and concurrency autoscaling keep working.
        policy.Spec.Ingress[1].FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]
            .Should().Be(DesiredStateOptions.DefaultMetricsScrapeNamespace);

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"access":{"allowFrom":null}}}""");

        await Eventually.Value(NetworkPoliciesAsync, items => items.Count == 0, "no NetworkPolicy");
        await Eventually.True(async () => (await _scenario.EventsAsync()).Any(e => e.Reason == "Deleted" && e.Message.StartsWith("Deleted NetworkPolicy hello", StringComparison.Ordinal)),
            "a Deleted event for the NetworkPolicy");
    }

    [Fact]
    public async Task AnEmptyAllowFromAdmitsOnlyTheScrape()
    {
        await _scenario.CreateRuntimeAsync("hello", "access: {allowFrom: []}");

        var policy = (await Eventually.Value(NetworkPoliciesAsync, items => items.Count == 1, "one NetworkPolicy")).Single();
        policy.Spec.Ingress.Should().ContainSingle().Which.FromProperty.Single().NamespaceSelector.Should().NotBeNull();
    }

    [Fact]
    public async Task AnIpBlockForALoadBalancersClientsIsAcceptedByTheApiServerAndApplied()
    {
        await _scenario.CreateRuntimeAsync("hello", "service: {type: LoadBalancer}\naccess: {allowFrom: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]}");

        var policy = (await Eventually.Value(NetworkPoliciesAsync, items => items.Count == 1, "one NetworkPolicy")).Single();
        var block = policy.Spec.Ingress[0].FromProperty.Single().IpBlock;
        block.Cidr.Should().Be("203.0.113.0/24");
        block.Except.Should().Equal("203.0.113.128/25");
    }

    [Fact]
    public async Task AChangedAllowFromIsAppliedAndDriftIsPutBack()
    {
        await _scenario.CreateRuntimeAsync("hello");
        await _scenario.PatchRuntimeAsync("hello", AllowFrom);
        await Eventually.Value(NetworkPoliciesAsync, items => items.Count == 1, "one NetworkPolicy");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"access":{"allowFrom":[{"namespaceSelector":{"matchLabels":{"team":"batch"}}}]}}}""");
        await Eventually.Value(NetworkPoliciesAsync, items => items.Single().Spec.Ingress[0].FromProperty.Count == 1
            && items.Single().Spec.Ingress[0].FromProperty[0].NamespaceSelector.MatchLabels["team"] == "batch", "the new caller");
        await _scenario.QuietAsync();

        // Someone opens the policy to every pod of the cluster; the operator closes it again.
        await _scenario.Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
            new V1Patch("""{"spec":{"ingress":[{}]}}""", V1Patch.PatchType.MergePatch), "hello", Namespace);
        await Eventually.Value(NetworkPoliciesAsync, items => items.Single().Spec.Ingress.Count == 2, "the rules put back");
    }

    [Fact]
    public async Task TheTokenSecretReachesThePodsAndRemovingItTakesItAway()
    {
        await _scenario.CreateRuntimeAsync("hello");
        var before = await _scenario.DeploymentAsync("hello");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"access":{"tokenSecretRef":{"name":"booster-token","key":"token"}}}}""");

        var withToken = await _scenario.DeploymentAsync("hello", d => Token(d) is not null, "BOOSTER_AUTH_TOKEN in the env");
        Token(withToken)!.ValueFrom.SecretKeyRef.Name.Should().Be("booster-token");
        Token(withToken)!.ValueFrom.SecretKeyRef.Key.Should().Be("token");
        Token(withToken)!.Value.Should().BeNull("the token is never written into the Deployment");
        Hash(withToken).Should().NotBe(Hash(before), "the pods roll to pick the token up");
        (await NetworkPoliciesAsync()).Should().BeEmpty("a token alone asks for no NetworkPolicy");

        await _scenario.PatchRuntimeAsync("hello", """{"spec":{"access":null}}""");

        var without = await _scenario.DeploymentAsync("hello", d => Token(d) is null, "no BOOSTER_AUTH_TOKEN");
        Hash(without).Should().Be(Hash(before));
    }

    private static V1EnvVar? Token(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.Single(c => c.Name == RuntimeContainer.Name).Env?.FirstOrDefault(e => e.Name == BoosterVariables.AuthToken);
}
