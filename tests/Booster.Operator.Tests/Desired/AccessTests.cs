using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

/// <summary>spec.access: the token reaches the runtime from its Secret; bad references and selectors name their field.</summary>
public class AccessTests
{
    private static IEnumerable<string> Errors(string specYaml) => SpecValidatorTests.Errors(specYaml);

    [Fact]
    public void TheTokenReachesTheRuntimeFromItsSecretNeverAsText()
    {
        var env = Built.RuntimeContainer("access: {tokenSecretRef: {name: hello-token, key: token}}").Env;

        var token = env.Should().ContainSingle(e => e.Name == BoosterVariables.AuthToken).Subject;
        token.Value.Should().BeNull();
        token.ValueFrom.SecretKeyRef.Name.Should().Be("hello-token");
        token.ValueFrom.SecretKeyRef.Key.Should().Be("token");
    }

    [Fact]
    public void WithoutATokenReferenceNoTokenIsAsked() =>
        Built.RuntimeContainer("access: {allowFrom: [{podSelector: {}}]}").Env.Select(e => e.Name).Should().NotContain(BoosterVariables.AuthToken);

    [Fact]
    public void TheTokenVariableInSpecEnvIsRefusedInFavourOfTheField() =>
        Errors("env: [{name: BOOSTER_AUTH_TOKEN, value: x}]").Should().ContainSingle()
            .Which.Should().Contain("spec.env[0].name").And.Contain("spec.access.tokenSecretRef");

    [Fact]
    public void AValidAccessSpecIsAccepted() => Errors("""
        access:
          allowFrom:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: frontend}}
              podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
            - podSelector: {}
            - ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24]}
            - ipBlock: {cidr: '2001:db8::/32'}
          tokenSecretRef: {name: hello-token, key: token.txt}
        """).Should().BeEmpty();

    [Theory]
    [InlineData("access: {allowFrom: [{}]}", "spec.access.allowFrom[0]: needs a namespaceSelector")]
    [InlineData("access: {allowFrom: [{podSelector: {matchExpressions: [{key: a, operator: Is, values: [b]}]}}]}", "spec.access.allowFrom[0].podSelector.matchExpressions[0].operator")]
    [InlineData("access: {allowFrom: [{namespaceSelector: {matchExpressions: [{key: a, operator: In}]}}]}", "spec.access.allowFrom[0].namespaceSelector.matchExpressions[0].values")]
    [InlineData("access: {allowFrom: [{podSelector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}}]}", "spec.access.allowFrom[0].podSelector.matchExpressions[0].values")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}", "spec.access.allowFrom[0]: an ipBlock stands alone")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: 10.0.0.0}}]}", "spec.access.allowFrom[0].ipBlock.cidr: '10.0.0.0' is not a CIDR: expected an address and prefix length")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: ''}}]}", "spec.access.allowFrom[0].ipBlock.cidr: required")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}", "spec.access.allowFrom[0].ipBlock.except[0]: '11.0.0.0/16' must lie strictly inside cidr 10.0.0.0/8")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}]}", "spec.access.allowFrom[0].ipBlock.except[0]")]
    [InlineData("access: {allowFrom: [{ipBlock: {cidr: 10.0.0.0/8, except: ['2001:db8::/48']}}]}", "spec.access.allowFrom[0].ipBlock.except[0]")]
    [InlineData("access: {tokenSecretRef: {key: token}}", "spec.access.tokenSecretRef.name: required")]
    [InlineData("access: {tokenSecretRef: {name: Bad_Name, key: token}}", "spec.access.tokenSecretRef.name")]
    [InlineData("access: {tokenSecretRef: {name: ok, key: 'a/b'}}", "spec.access.tokenSecretRef.key")]
    public void AnInvalidAccessSpecNamesTheField(string specYaml, string expected) =>
        Errors(specYaml).Should().ContainSingle().Which.Should().Contain(expected);
}
