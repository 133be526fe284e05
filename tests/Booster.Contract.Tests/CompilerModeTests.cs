using System.Runtime.InteropServices;
using Booster.Contract;

namespace Booster.Contract.Tests;

public class CompilerModeTests
{
    private static SettingsParseResult Parse(string? value) =>
        RuntimeSettingsParser.Parse(name => name == BoosterVariables.Compiler ? value : null);

    [Theory]
    [InlineData("tiered", CompilerMode.Tiered)]
    [InlineData("optimized", CompilerMode.Optimized)]
    [InlineData("baseline", CompilerMode.Baseline)]
    [InlineData(" baseline ", CompilerMode.Baseline)]
    public void EachDocumentedValueNamesItsMode(string value, CompilerMode mode) =>
        Parse(value).Settings!.Compiler.Should().Be(mode);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void UnsetLeavesTheChoiceToTheProcessor(string? value) =>
        Parse(value).Settings!.Compiler.Should().BeNull();

    [Theory]
    [InlineData("winch")]
    [InlineData("cranelift")]
    [InlineData("Tiered")]
    [InlineData("fast")]
    public void AnythingElseIsOneLineNamingTheVariableAndTheAcceptedForm(string value)
    {
        var result = Parse(value);

        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should()
            .Be($"BOOSTER_COMPILER='{value}' is invalid: expected tiered, optimized or baseline");
    }

    [Fact]
    public void TheDefaultIsTieredWhereWinchServesTheProcessorAndOptimizedElsewhere()
    {
        CompilerModes.Effective(null, Architecture.X64).Should().Be(CompilerMode.Tiered);
        CompilerModes.Effective(null, Architecture.Arm64).Should().Be(CompilerMode.Optimized);
        CompilerModes.Effective(null, Architecture.RiscV64).Should().Be(CompilerMode.Optimized);
    }

    [Fact]
    public void AConfiguredModeIsKeptOnAnyProcessor()
    {
        CompilerModes.Effective(CompilerMode.Baseline, Architecture.Arm64).Should().Be(CompilerMode.Baseline);
        CompilerModes.Effective(CompilerMode.Optimized, Architecture.X64).Should().Be(CompilerMode.Optimized);
    }

    [Fact]
    public void AConfiguredModeIsWrittenBackAsItsNameAndAnUnsetOneNotAtAll()
    {
        RuntimeEnvironment.ToVariables(new RuntimeSettings { Compiler = CompilerMode.Baseline })
            .Should().Contain(new KeyValuePair<string, string>(BoosterVariables.Compiler, "baseline"));
        RuntimeEnvironment.ToVariables(new RuntimeSettings()).Select(v => v.Key).Should().NotContain(BoosterVariables.Compiler);
    }
}
