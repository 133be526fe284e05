using Booster.Runtime.Execution;
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

        var (outcome, message) = FailureClassifier.Classify(failure, memoryAtLimit: false, memoryLimitBytes: 1 << 20, poolMax: 16);

        outcome.Should().Be(ExecutionOutcome.ResourcesExhausted);
        message.Should().Contain("vm.max_map_count").And.Contain("BOOSTER_POOL_MAX (now 16)");
    }

    [Fact]
    public void AnInitialMemoryOverTheLimitIsAMemoryLimit()
    {
        var (outcome, message) = FailureClassifier.Classify(
            new WasmtimeException("memory minimum size of 10 pages exceeds memory limits"), false, 65536, 8);

        outcome.Should().Be(ExecutionOutcome.MemoryLimit);
        message.Should().Contain("BOOSTER_MAX_MEMORY_BYTES=65536");
    }

    [Fact]
    public void TheHostDeadlineTrapIsATimeout() =>
        FailureClassifier.Classify(new TrapException($"error while executing\n\nCaused by:\n    {FailureClassifier.HostDeadlineMarker}"), false, 65536, 8)
            .Outcome.Should().Be(ExecutionOutcome.Timeout);

    [Fact]
    public void AnythingUnknownIsAnInternalError() =>
        FailureClassifier.Classify(new WasmtimeException("something new"), false, 65536, 8).Outcome.Should().Be(ExecutionOutcome.InternalError);
}
