using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;

namespace Booster.Runtime.Tests.Execution;

public class FailureClassifierTests
{
    private const string TrapText = "error while executing at wasm backtrace:\n    0:     0x5a - <unknown>!<wasm function 1>\n\nCaused by:\n    wasm trap: wasm `unreachable` instruction executed\n";

    [Fact]
    public void TheRootCauseIsTheLineAfterCausedBy() =>
        FailureClassifier.RootCause(TrapText).Should().Be("wasm `unreachable` instruction executed");

    [Fact]
    public void AMessageWithoutCausedByIsItsFirstLine() =>
        FailureClassifier.RootCause("memory minimum size of 10 pages exceeds memory limits").Should().Be("memory minimum size of 10 pages exceeds memory limits");

    [Fact]
    public void AnMmapFailureIsResourceExhaustionNamingBothLevers()
    {
        var failure = new WasmtimeException("failed to create memory\n\nCaused by:\n    0: mmap failed to reserve 0x104000000 bytes\n    1: Cannot allocate memory (os error 12)");

        var (outcome, message) = FailureClassifier.Classify(failure, limitRefusal: null, memoryLimitBytes: 1 << 20, poolMax: 16);

        outcome.Should().Be(ExecutionOutcome.ResourcesExhausted);
        message.Should().Contain("vm.max_map_count").And.Contain("BOOSTER_POOL_MAX (now 16)");
    }

    [Fact]
    public void AnInitialMemoryOverTheLimitIsAMemoryLimit()
    {
        var (outcome, message) = FailureClassifier.Classify(
            new WasmtimeException("memory minimum size of 10 pages exceeds memory limits"), null, 65536, 8);

        outcome.Should().Be(ExecutionOutcome.MemoryLimit);
        message.Should().Contain("BOOSTER_MAX_MEMORY_BYTES=65536");
    }

    [Fact]
    public void TheHostDeadlineTrapIsATimeout() =>
        FailureClassifier.Classify(new TrapException($"error while executing\n\nCaused by:\n    {HostDeadlineException.Marker}"), null, 65536, 8)
            .Outcome.Should().Be(ExecutionOutcome.Timeout);

    [Fact]
    public void AnythingUnknownIsAnInternalError() =>
        FailureClassifier.Classify(new WasmtimeException("something new"), null, 65536, 8).Outcome.Should().Be(ExecutionOutcome.InternalError);

    private const string UnreachableTrap = "error while executing\n\nCaused by:\n    wasm trap: wasm `unreachable` instruction executed";

    [Fact]
    public void ATrapAfterARecordedRefusalIsAMemoryLimitNamingTheRefusal()
    {
        var (outcome, message) = FailureClassifier.Classify(new TrapException(UnreachableTrap), "growing a linear memory from 1 to 2 bytes would pass", 65536, 8);

        outcome.Should().Be(ExecutionOutcome.MemoryLimit);
        message.Should().Contain("growing a linear memory from 1 to 2 bytes").And.Contain("BOOSTER_MAX_MEMORY_BYTES=65536").And.Contain("unreachable");
    }

    [Fact]
    public void ATrapWithoutARecordedRefusalIsATrapWhateverTheMemoryLooksLike() =>
        FailureClassifier.Classify(new TrapException(UnreachableTrap), null, 65536, 8).Outcome.Should().Be(ExecutionOutcome.Trap);

    [Fact]
    public void TheDeadlineWinsOverARecordedRefusal() =>
        FailureClassifier.Classify(new TrapException($"x\n\nCaused by:\n    {HostDeadlineException.Marker}"), "refused", 65536, 8)
            .Outcome.Should().Be(ExecutionOutcome.Timeout);

    [Theory]
    [InlineData("table minimum size of 2147483648 elements exceeds table limits")]
    [InlineData("resource limit exceeded: memory count too high at 5")]
    [InlineData("resource limit exceeded: instance count too high at 2")]
    public void AStoreLimitRefusingTheInstantiationIsAMemoryLimit(string refusal) =>
        FailureClassifier.Classify(new WasmtimeException(refusal), null, 65536, 8).Outcome.Should().Be(ExecutionOutcome.MemoryLimit);

    [Fact]
    public void AnErrorFromAHostFunctionTheGuestCalledIsTheGuestsTrapNotAnInternalError()
    {
        var refused = new GuestCallException(new WasmtimeException("exit with invalid exit status outside of [0..126)"));

        var (outcome, message) = FailureClassifier.Classify(refused, null, 1 << 20, 8);

        outcome.Should().Be(ExecutionOutcome.Trap);
        message.Should().Contain("exit with invalid exit status");
    }

    [Fact]
    public void AHostFunctionThatThrewIsAnInternalError()
    {
        var trap = new TrapException("error while executing", new InvalidOperationException("a defect in a host function"));

        var (outcome, message) = FailureClassifier.Classify(trap, null, 1 << 20, 8);

        outcome.Should().Be(ExecutionOutcome.InternalError);
        message.Should().Contain("InvalidOperationException").And.Contain("a defect in a host function");
    }

    [Fact]
    public void TheDeadlineThrownInAHostFunctionStaysATimeout()
    {
        var trap = new TrapException(HostDeadlineException.Marker, new HostDeadlineException());

        FailureClassifier.Classify(trap, null, 1 << 20, 8).Outcome.Should().Be(ExecutionOutcome.Timeout);
    }
}
