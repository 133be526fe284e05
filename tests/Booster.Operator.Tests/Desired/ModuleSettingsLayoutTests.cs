using Booster.Operator.Desired;

namespace Booster.Operator.Tests.Desired;

public class ModuleSettingsLayoutTests
{
    [Theory]
    [InlineData("hello", "BOOSTER_MODULE_HELLO_POSTGRES_URL")]
    [InlineData("report_2", "BOOSTER_MODULE_REPORT_2_POSTGRES_URL")]
    public void ALowercaseNameGivesAPlainVariable(string module, string variable) =>
        ModuleSettingsLayout.UrlVariable(module, ModuleSettingsLayout.PostgresImport).Should().Be(variable);

    [Fact]
    public void NamesThatUpperCasingWouldMergeGetDistinctValidVariables()
    {
        string[] modules = ["hello_world", "hello-world", "hello.world", "Hello_World", "HELLO_WORLD", "_x", "9lives"];

        var variables = modules.Select(m => ModuleSettingsLayout.UrlVariable(m, ModuleSettingsLayout.RedisImport)).ToList();

        variables.Should().OnlyHaveUniqueItems();
        variables.Should().OnlyContain(v => System.Text.RegularExpressions.Regex.IsMatch(v, "^BOOSTER_MODULE_[A-Z0-9_]+_REDIS_URL$"));
        variables[1].Should().StartWith("BOOSTER_MODULE_HELLO_WORLD_").And.NotBe(variables[0]);
        ModuleSettingsLayout.UrlVariable("hello-world", ModuleSettingsLayout.RedisImport).Should().Be(variables[1], "the name derives from the module name alone");
    }

    [Fact]
    public void FolderVolumeNamesAreDnsLabelsEvenForTheLongestModuleName()
    {
        var longest = new string('A', 127) + ".";

        var name = ModuleSettingsLayout.FilesVolumeName(longest, 15);

        name.Should().MatchRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        name.Length.Should().BeLessThanOrEqualTo(63);
        name.Should().NotBe(ModuleSettingsLayout.FilesVolumeName(longest[..^1] + "_", 15));
        ModuleSettingsLayout.FilesPath(longest, 15).Should().Be($"/etc/booster/files/{longest}/15");
    }
}
