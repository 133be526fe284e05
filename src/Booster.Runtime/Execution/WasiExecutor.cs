using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.Execution.Components;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Runs one execution: a fresh Store with a WASI context, the Store limits, a
/// <see cref="MemoryBudget"/> for all its linear memories together, an epoch deadline, and a
/// <see cref="GuestState"/> for the host functions that serve the standard streams
/// (<see cref="StdioFunctions"/>), argv and environ (<see cref="ArgumentFunctions"/>) and clocks
/// (<see cref="ClockFunctions"/>); then the module's <c>_start</c>, instantiated from its
/// prepared form (<see cref="PreparedModules"/>). The module's settings, when it has any, set
/// the memory and output limits, the read-only folders and the data import backends. Never throws for anything the guest does; every ending is an
/// <see cref="ExecutionResult"/>.
/// </summary>
internal sealed class WasiExecutor(WasmEngine engine, RuntimeSettings settings)
{
    /// <summary>
    /// Wasmtime's WASI context still serves what Booster does not (random_get, proc_exit, the
    /// descriptors beyond stdio); argv and environ come from <see cref="ArgumentFunctions"/>.
    /// </summary>
    private static readonly WasiConfiguration NoArguments = new();

    public ExecutionResult Execute(IExecutableCode module, ExecutionRequest request)
    {
        var limits = request.Module;
        var maxMemoryBytes = limits?.MaxMemoryBytes ?? settings.MaxMemoryBytes;
        using var guest = new GuestState(request.Stdin, limits?.MaxOutputBytes ?? settings.MaxOutputBytes, request.Timeout,
            new GuestArguments(module.Name, request.Args, request.Environment)) { HostGrant = limits?.HostGrant };
        var budget = new MemoryBudget((ulong)maxMemoryBytes);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Code runs only on the engine of the compiler that made it.
            var tier = engine.For(module.Tier);
            using var store = new Store(tier.Engine);
            var component = module.Component;
            engine.Limits.ApplyTo(store, perMemoryLimit: null, component: component is not null);
            var readsFiles = limits is { Folders.Count: > 0 };
            if (component is not null)
            {
                // A component's WASI 0.2 is Wasmtime's own, given the run's arguments, environment, stdin and capped output.
                ComponentWasi.Install(store, guest.Arguments, request.Environment, request.Stdin, limits?.Folders ?? [], guest.Stdout, guest.Stderr);
            }
            else if (readsFiles) ReadOnlyFolders.Install(store, limits!.Folders, request.Stdin);
            else store.SetWasiConfiguration(NoArguments);
            store.SetData(guest);
            store.SetEpochDeadline(WasmEngine.TicksFor(request.Timeout));
            // Memories are created and grown on this thread: the memory creator charges them here.
            using var charged = budget.Enter();
            try
            {
                if (component is not null) return Result(ExecutionOutcome.Completed, tier.ComponentLinker.Run(store, component), null);
                // A module with read-only folders reads its files (and stdin) through Wasmtime's own fd_read.
                (readsFiles ? tier.FilesPrepared : tier.Prepared).RunStart(store, module.Module!);
                return Result(ExecutionOutcome.Completed, 0, null);
            }
            catch (WasmtimeException e) when (e.ExitCode is { } exitCode)
            {
                // proc_exit(n) or wasi:cli/exit: the guest chose to end; that is a completed run.
                return Result(ExecutionOutcome.Completed, exitCode, null);
            }
            catch (WasmtimeException e)
            {
                return Failed(e);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Store creation or WASI set-up failed (for example, mmap refused): not the guest's doing.
            return Failed(e);
        }

        ExecutionResult Failed(Exception e)
        {
            var (outcome, message) = FailureClassifier.Classify(e, budget.Refusal, maxMemoryBytes, settings.PoolMax,
                limits?.MemoryLimitName ?? BoosterVariables.MaxMemoryBytes, component: module.Component is not null);
            return Result(outcome, null, message);
        }

        ExecutionResult Result(ExecutionOutcome outcome, int? exitCode, string? message) => new(
            outcome, exitCode, guest.Stdout.ToText(), guest.Stderr.ToText(), guest.Stdout.Truncated || guest.Stderr.Truncated,
            Stopwatch.GetElapsedTime(started), message);
    }
}
