using Booster.Contract;
using Booster.Operator.Desired;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.Desired;

/// <summary><c>spec.capabilities</c>: the data imports' URLs from Secrets, as container env.</summary>
public class CapabilitiesTests
{
    private const string Both = """
        capabilities:
          redis: {urlSecretRef: {name: data, key: redis-url}, poolMax: 64}
          postgres: {urlSecretRef: {name: pg, key: url}}
        """;

    [Fact]
    public void EachUrlComesFromItsSecretKeyAndNeverAsAValue()
    {
        var env = Built.RuntimeContainer(Both).Env;

        var redis = env.Single(e => e.Name == DataImportVariables.RedisUrl);
        redis.Value.Should().BeNull();
        (redis.ValueFrom.SecretKeyRef.Name, redis.ValueFrom.SecretKeyRef.Key).Should().Be(("data", "redis-url"));
        var postgres = env.Single(e => e.Name == DataImportVariables.PostgresUrl);
        (postgres.ValueFrom.SecretKeyRef.Name, postgres.ValueFrom.SecretKeyRef.Key).Should().Be(("pg", "url"));
        env.Single(e => e.Name == DataImportVariables.RedisPoolMax).Value.Should().Be("64");
        env.Should().NotContain(e => e.Name == DataImportVariables.PostgresPoolMax, "an unset poolMax keeps the runtime's default");
    }

    [Fact]
    public void WithoutCapabilitiesNoDataVariableIsSet() =>
        Built.RuntimeContainer().Env.Select(e => e.Name).Should().NotContain(DataImportVariables.All);

    [Fact]
    public void TurningAnImportOnRollsThePods() => Built.Hash(Both).Should().NotBe(Built.Hash());

    [Theory]
    [InlineData("capabilities: {redis: {poolMax: 4}}", "spec.capabilities.redis.urlSecretRef: required")]
    [InlineData("capabilities: {postgres: {urlSecretRef: {key: url}}}", "spec.capabilities.postgres.urlSecretRef.name: required")]
    [InlineData("capabilities: {postgres: {urlSecretRef: {name: Bad_Name, key: url}}}", "spec.capabilities.postgres.urlSecretRef.name: 'Bad_Name' is not a valid object name")]
    [InlineData("capabilities: {redis: {urlSecretRef: {name: s}}}", "spec.capabilities.redis.urlSecretRef.key: required")]
    [InlineData("capabilities: {redis: {urlSecretRef: {name: s, key: 'a/b'}}}", "spec.capabilities.redis.urlSecretRef.key: 'a/b' is not a valid Secret key")]
    [InlineData("capabilities: {redis: {urlSecretRef: {name: s, key: k}, poolMax: 0}}", "spec.capabilities.redis.poolMax: 0 is out of range")]
    [InlineData("env: [{name: REDIS_URL, value: 'redis://x'}]", "spec.env[0].name: REDIS_URL is derived from spec.capabilities.redis.urlSecretRef")]
    [InlineData("env: [{name: SASSPB_POSTGRES_URL, value: 'postgres://x'}]", "spec.env[0].name: SASSPB_POSTGRES_URL is derived from spec.capabilities.postgres.urlSecretRef")]
    public void AnInvalidCapabilityNamesItsField(string specYaml, string error) =>
        SpecValidator.Validate(Runtimes.FromSpecYaml(specYaml)).Select(e => e.ToString()).Should().ContainSingle().Which.Should().StartWith(error);
}
