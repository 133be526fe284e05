using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Components;
using Wasmtime;

namespace Booster.Runtime.Tests.Components;

/// <summary>A component's trap arrives as an error's text; it is answered as the same trap of a core module.</summary>
public class TrapDescriptionsTests
{
    [Theory]
    [InlineData("error while executing at wasm backtrace:\n    0: 0x1 - <unknown>!f\n\nCaused by:\n    wasm trap: interrupt", TrapCode.Interrupt)]
    [InlineData("error while executing at wasm backtrace:\n\nCaused by:\n    wasm trap: wasm `unreachable` instruction executed", TrapCode.Unreachable)]
    [InlineData("Caused by:\n    wasm trap: out of bounds memory access", TrapCode.MemoryOutOfBounds)]
    [InlineData("Caused by:\n    wasm trap: call stack exhausted", TrapCode.StackOverflow)]
    public void KnownTrapTextsGiveTheirCode(string message, Wasmtime.TrapCode code) =>
        TrapDescriptions.CodeOf(FailureClassifier.RootCause(message)).Should().Be(code);

    [Fact]
    public void OtherErrorsAreNoTrap() =>
        TrapDescriptions.CodeOf(FailureClassifier.RootCause("failed to find a pre-opened file descriptor")).Should().BeNull();
}
