using Booster.Runtime.Execution.Components;

namespace Booster.Runtime.Tests.Components;

/// <summary>What a component must export and may import to run here, decided from names alone.</summary>
public class ComponentWorldTests
{
    private static readonly string[] AdaptedCImports =
    [
        "wasi:cli/environment@0.2.12", "wasi:cli/exit@0.2.12", "wasi:io/error@0.2.12", "wasi:io/streams@0.2.12",
        "wasi:cli/stdin@0.2.12", "wasi:cli/stdout@0.2.12", "wasi:clocks/wall-clock@0.2.12", "wasi:filesystem/types@0.2.12",
        "wasi:filesystem/preopens@0.2.12", "wasi:random/random@0.2.0",
    ];

    [Theory]
    [InlineData("wasi:cli/run@0.2.0")]
    [InlineData("wasi:cli/run@0.2.12")]
    public void ACommandOfAny02PatchImportingTheCliWorldRuns(string run)
    {
        ComponentWorld.Check(AdaptedCImports, [run]).Should().BeNull();
        ComponentWorld.RunExport(["other", run]).Should().Be(run);
    }

    [Fact]
    public void AReactorIsRefusedBecauseItHasNothingToRun() =>
        ComponentWorld.Check([], ["add"]).Should().Contain("does not export wasi:cli/run@0.2.x").And.Contain("exports add");

    [Fact]
    public void AnHttpHandlerIsRefusedNamingWhyHttpServingIsOut() =>
        ComponentWorld.Check([], ["wasi:http/incoming-handler@0.2.0"]).Should().Contain("wasi:http handler").And.Contain("cannot build the incoming request");

    [Theory]
    [InlineData("wasi:cli/run@0.3.0")]
    [InlineData("wasi:cli/run@0.2")]
    public void ARunOfAnotherVersionIsRefused(string run) =>
        ComponentWorld.Check([], [run]).Should().NotBeNull();

    [Theory]
    [InlineData("wasi:sockets/tcp@0.2.0", "no network")]
    [InlineData("wasi:sockets/ip-name-lookup@0.2.3", "no network")]
    [InlineData("wasi:http/outgoing-handler@0.2.0", "wasi:http is not offered")]
    [InlineData("wasi:keyvalue/store@0.2.0", "does not offer")]
    [InlineData("my:app/logger", "does not offer")]
    [InlineData("wasi:cli/stdout@0.3.0", "0.2.x")]
    [InlineData("a-plain-name", "does not offer")]
    public void AnImportBoosterDoesNotOfferIsRefusedByName(string import, string reason) =>
        ComponentWorld.Check([.. AdaptedCImports, import], ["wasi:cli/run@0.2.0"]).Should().Contain(import).And.Contain(reason);
}
