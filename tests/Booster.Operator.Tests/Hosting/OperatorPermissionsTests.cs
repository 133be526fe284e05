using Booster.Operator.Hosting;

namespace Booster.Operator.Tests.Hosting;

public class OperatorPermissionsTests
{
    [Fact]
    public void TheOperatorNeverWritesTheBoosterRuntimeItselfOnlyItsStatus()
    {
        OperatorPermissions.Allows("booster.dev", "boosterruntimes", "update").Should().BeFalse();
        OperatorPermissions.Allows("booster.dev", "boosterruntimes", "patch").Should().BeFalse();
        OperatorPermissions.Allows("booster.dev", "boosterruntimes/status", "patch").Should().BeTrue();
    }

    [Fact]
    public void NoRuleGrantsEverything() =>
        OperatorPermissions.Rules.Should().OnlyContain(r => r.Resource != "*" && !r.Verbs.Contains("*") && r.ApiGroup != "*");

    [Fact]
    public void EachResourceIsListedOnce() =>
        OperatorPermissions.Rules.Select(r => (r.ApiGroup, r.Resource)).Should().OnlyHaveUniqueItems();
}
