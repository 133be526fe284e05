using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

public class NetworkPolicyBuilderTests
{
    private static k8s.Models.V1NetworkPolicy? Build(string specYaml) =>
        NetworkPolicyBuilder.Build(Runtimes.FromSpecYaml(specYaml), DesiredStateOptions.Default);

    [Fact]
    public void ThereIsNoneWithoutAllowFrom()
    {
        Build("").Should().BeNull();
        Build("access: {tokenSecretRef: {name: t, key: k}}").Should().BeNull();
    }

    [Fact]
    public void ItAdmitsTheCallersAndTheScrapeToTheRuntimePortOfThisPoolsPodsOnly()
    {
        var policy = Build("""
            access:
              allowFrom:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: frontend}}
                  podSelector: {matchLabels: {app: web}}
                - podSelector: {matchLabels: {role: batch}}
            """)!;

        policy.ApiVersion.Should().Be("networking.k8s.io/v1");
        policy.Metadata.Name.Should().Be(Runtimes.Name);
        policy.Metadata.OwnerReferences.Should().ContainSingle().Which.Uid.Should().Be(Runtimes.Uid);
        policy.Spec.PodSelector.MatchLabels.Should().BeEquivalentTo(Built.Deployment().Spec.Selector.MatchLabels);
        policy.Spec.PolicyTypes.Should().Equal("Ingress");
        policy.Spec.Ingress.Should().HaveCount(2);
        var callers = policy.Spec.Ingress[0];
        callers.FromProperty.Should().HaveCount(2);
        callers.FromProperty[0].NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"].Should().Be("frontend");
        callers.FromProperty[0].PodSelector.MatchLabels["app"].Should().Be("web");
        callers.FromProperty[1].NamespaceSelector.Should().BeNull("a pod selector alone means this namespace");
        callers.FromProperty[1].PodSelector.MatchLabels["role"].Should().Be("batch");
        var scrape = policy.Spec.Ingress[1];
        scrape.FromProperty.Should().ContainSingle().Which.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"].Should().Be("monitoring");
        foreach (var rule in policy.Spec.Ingress)
        {
            var port = rule.Ports.Should().ContainSingle().Subject;
            port.Port.Value.Should().Be("2678");
            port.Protocol.Should().Be("TCP");
        }
    }

    [Fact]
    public void AnIpBlockAdmitsNodeAndClientAddressesBesideTheSelectors()
    {
        var policy = Build("""
            service: {type: LoadBalancer}
            access:
              allowFrom:
                - podSelector: {matchLabels: {role: batch}}
                - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            """)!;

        var callers = policy.Spec.Ingress[0].FromProperty;
        callers.Should().HaveCount(2);
        callers[1].IpBlock.Cidr.Should().Be("10.0.0.0/8");
        callers[1].IpBlock.Except.Should().Equal("10.1.0.0/16");
        callers[1].PodSelector.Should().BeNull();
        callers[1].NamespaceSelector.Should().BeNull();
    }

    [Fact]
    public void AnEmptyAllowFromAdmitsOnlyTheScrapeNeverEveryone()
    {
        var policy = Build("access: {allowFrom: []}")!;

        // An ingress rule without "from" would admit every source.
        policy.Spec.Ingress.Should().ContainSingle().Which.FromProperty.Should().ContainSingle()
            .Which.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"].Should().Be("monitoring");
        policy.Spec.Ingress.Should().OnlyContain(rule => rule.FromProperty != null && rule.FromProperty.Count > 0);
    }

    [Fact]
    public void TheScrapeNamespaceComesFromTheOperatorsOptions()
    {
        var policy = NetworkPolicyBuilder.Build(Runtimes.FromSpecYaml("access: {allowFrom: []}"),
            DesiredStateOptions.Default with { MetricsScrapeNamespace = "observability" })!;

        policy.Spec.Ingress.Single().FromProperty.Single().NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"].Should().Be("observability");
    }
}
