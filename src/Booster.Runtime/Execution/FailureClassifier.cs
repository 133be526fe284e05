using Booster.Contract;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Turns what Wasmtime threw into an outcome and a plain message. Pure: the execution
/// supplies the facts (the exception, and the limit refusal its memory budget recorded when
/// it happened), this decides what they mean. Nothing is guessed from how full memory looks.
/// </summary>
internal static class FailureClassifier
{
    private static readonly string[] ResourceExhaustionMarkers =
    [
        "Cannot allocate memory", "os error 12", "mmap failed", "failed to reserve",
        "out of memory", "ENOMEM", "Resource temporarily unavailable", "os error 11",
    ];

    /// <summary>What Wasmtime says when a Store limit refuses an instantiation: the refusal itself.</summary>
    private static readonly string[] StoreLimitMarkers =
    [
        "exceeds memory limits", "memory minimum size", "exceeds table limits", "table minimum size", "resource limit exceeded",
    ];

    /// <param name="exception">What the instantiation or the call threw.</param>
    /// <param name="limitRefusal">The refusal the execution's memory budget recorded, or null.</param>
    /// <param name="memoryLimitBytes">BOOSTER_MAX_MEMORY_BYTES, for the message.</param>
    /// <param name="poolMax">The pool size in force, for the resources_exhausted message.</param>
    /// <param name="memoryLimitName">What set the limit: the variable, or the module's <c>maxMemory</c>.</param>
    /// <param name="component">True for a component's run, whose Store allows more memories and tables (<see cref="GuestLimits"/>).</param>
    public static (ExecutionOutcome Outcome, string Message) Classify(Exception exception, string? limitRefusal, long memoryLimitBytes, int poolMax,
        string memoryLimitName = BoosterVariables.MaxMemoryBytes, bool component = false)
    {
        var cause = RootCause(exception.Message);
        if (exception.Message.Contains(HostDeadlineException.Marker, StringComparison.Ordinal))
            return (ExecutionOutcome.Timeout, "the execution ran past its deadline and was interrupted while waiting in the host (a sleep or a data import call)");
        if (exception is TrapException { Type: TrapCode.Interrupt } or Components.ComponentTrapException { Code: TrapCode.Interrupt })
            return (ExecutionOutcome.Timeout, "the execution ran past its deadline and was interrupted");
        // A growth refused by the limit leaves the guest a -1; whatever failure follows is that refusal's doing.
        if (limitRefusal is not null)
            return (ExecutionOutcome.MemoryLimit, MemoryLimitMessage(memoryLimitName, memoryLimitBytes, limitRefusal, cause, component));
        // A host function that threw becomes a trap; only the deadline is thrown on purpose, so
        // anything else there is the server's failure, not the guest's.
        if (exception is TrapException { InnerException: { } hostFailure } && hostFailure is not TimeoutException)
            return (ExecutionOutcome.InternalError, $"a host function failed: {hostFailure.GetType().Name}: {hostFailure.Message}");
        if (exception is TrapException trap)
            return (ExecutionOutcome.Trap, $"the guest trapped ({TrapName(trap.Type)}): {cause}");
        if (exception is Components.ComponentTrapException componentTrap)
            return (ExecutionOutcome.Trap, $"the guest trapped ({TrapName(componentTrap.Code)}): {cause}");

        if (StoreLimitMarkers.Any(m => cause.Contains(m, StringComparison.Ordinal)))
            return (ExecutionOutcome.MemoryLimit, MemoryLimitMessage(memoryLimitName, memoryLimitBytes, cause, null, component));

        if (ResourceExhaustionMarkers.Any(m => exception.Message.Contains(m, StringComparison.OrdinalIgnoreCase)))
            return (ExecutionOutcome.ResourcesExhausted, ResourcesExhaustedMessage(cause, poolMax));

        if (exception is GuestCallException)
            return (ExecutionOutcome.Trap, $"the guest's call into the host was refused: {cause}");

        return (ExecutionOutcome.InternalError, $"the execution failed: {cause}");
    }

    /// <summary>
    /// The message for 503 resources_exhausted: what failed, and the two levers that fix it.
    /// </summary>
    private static string ResourcesExhaustedMessage(string cause, int poolMax) =>
        $"Wasmtime could not map memory for this execution ({cause}). The node ran out of memory maps or " +
        $"address space: raise vm.max_map_count (recommended 262144) or lower BOOSTER_POOL_MAX (now {poolMax}).";

    private static string MemoryLimitMessage(string limitName, long limit, string refusal, string? then, bool component) =>
        $"the guest hit a resource limit of this execution ({limitName}={limit} for all its linear memories together, " +
        $"BOOSTER_MAX_TABLE_ELEMENTS per table, {(component ? GuestLimits.MaxComponentMemories : GuestLimits.MaxMemories)} memories, " +
        $"{(component ? GuestLimits.MaxComponentTables : GuestLimits.MaxTables)} tables): {refusal}" +
        (then is null || then == refusal ? "" : $"; then: {then}");

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
