using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Turns what Wasmtime threw into an outcome and a plain message. Pure: the execution
/// supplies the facts (exception, memory state), this decides what they mean.
/// </summary>
internal static class FailureClassifier
{
    private static readonly string[] ResourceExhaustionMarkers =
    [
        "Cannot allocate memory", "os error 12", "mmap failed", "failed to reserve",
        "out of memory", "ENOMEM", "Resource temporarily unavailable", "os error 11",
    ];

    /// <summary>The message of the trap a host function raises when the deadline passes while the guest waits in it.</summary>
    public const string HostDeadlineMarker = "the execution reached its deadline while waiting in the host";

    /// <param name="exception">What the instantiation or the call threw.</param>
    /// <param name="memoryAtLimit">True when the guest's linear memory could not grow by one more page.</param>
    /// <param name="memoryLimitBytes">BOOSTER_MAX_MEMORY_BYTES, for the message.</param>
    /// <param name="poolMax">The pool size in force, for the resources_exhausted message.</param>
    public static (ExecutionOutcome Outcome, string Message) Classify(Exception exception, bool memoryAtLimit, long memoryLimitBytes, int poolMax)
    {
        var cause = RootCause(exception.Message);
        if (exception.Message.Contains(HostDeadlineMarker, StringComparison.Ordinal))
            return (ExecutionOutcome.Timeout, "the execution ran past its deadline and was interrupted while waiting in the host (a sleep or a data import call)");
        if (exception is TrapException trap)
        {
            if (trap.Type == TrapCode.Interrupt)
                return (ExecutionOutcome.Timeout, "the execution ran past its deadline and was interrupted");
            if (memoryAtLimit)
                return (ExecutionOutcome.MemoryLimit, MemoryLimitMessage(memoryLimitBytes, cause));
            return (ExecutionOutcome.Trap, $"the guest trapped ({TrapName(trap.Type)}): {cause}");
        }

        if (cause.Contains("exceeds memory limits", StringComparison.Ordinal) ||
            cause.Contains("memory minimum size", StringComparison.Ordinal))
            return (ExecutionOutcome.MemoryLimit, MemoryLimitMessage(memoryLimitBytes, cause));

        if (ResourceExhaustionMarkers.Any(m => exception.Message.Contains(m, StringComparison.OrdinalIgnoreCase)))
            return (ExecutionOutcome.ResourcesExhausted, ResourcesExhaustedMessage(cause, poolMax));

        return (ExecutionOutcome.InternalError, $"the execution failed: {cause}");
    }

    /// <summary>
    /// The message for 503 resources_exhausted: what failed, and the two levers that fix it.
    /// </summary>
    private static string ResourcesExhaustedMessage(string cause, int poolMax) =>
        $"Wasmtime could not map memory for this execution ({cause}). The node ran out of memory maps or " +
        $"address space: raise vm.max_map_count (recommended 262144) or lower BOOSTER_POOL_MAX (now {poolMax}).";

    private static string MemoryLimitMessage(long limit, string cause) =>
        $"the guest hit the linear-memory limit BOOSTER_MAX_MEMORY_BYTES={limit} ({cause})";

    /// <summary>Wasmtime messages end with a "Caused by:" section; its first line says what happened.</summary>
    internal static string RootCause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var causedBy = Array.FindLastIndex(lines, l => l == "Caused by:");
        var line = causedBy >= 0 && causedBy + 1 < lines.Length ? lines[causedBy + 1] : lines.FirstOrDefault() ?? message;
        return line.StartsWith("wasm trap: ", StringComparison.Ordinal) ? line["wasm trap: ".Length..] : line;
    }

    private static string TrapName(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "memory out of bounds",
        TrapCode.StackOverflow => "stack overflow",
        TrapCode.IntegerDivisionByZero => "integer division by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.BadConversionToInteger => "bad conversion to integer",
        TrapCode.IndirectCallToNull => "indirect call to null",
        TrapCode.BadSignature => "bad signature",
        TrapCode.TableOutOfBounds => "table out of bounds",
        TrapCode.HeapMisaligned => "misaligned memory access",
        _ => code.ToString(),
    };
}
