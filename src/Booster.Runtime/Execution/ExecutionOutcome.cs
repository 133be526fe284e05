namespace Booster.Runtime.Execution;

/// <summary>How one execution ended. Each outcome has exactly one HTTP answer (see Http/ApiErrors).</summary>
internal enum ExecutionOutcome
{
    /// <summary>`_start` returned or the guest called proc_exit: the run is complete.</summary>
    Completed,
    /// <summary>The guest trapped (unreachable, out-of-bounds access, stack overflow, ...).</summary>
    Trap,
    /// <summary>The execution ran past its deadline and was interrupted.</summary>
    Timeout,
    /// <summary>A resource limit of the execution refused the guest (linear memory, table elements, counts), recorded when it happened.</summary>
    MemoryLimit,
    /// <summary>Wasmtime could not map memory: address space or map count exhausted.</summary>
    ResourcesExhausted,
    /// <summary>Anything else: a failure that is not the guest's fault and not understood.</summary>
    InternalError,
}
