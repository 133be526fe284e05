using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Modules;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Runs one execution: a fresh Store with WASI args and env, the Store limits, a
/// <see cref="MemoryBudget"/> for all its linear memories together, an epoch deadline, and a
/// <see cref="GuestState"/> for the host functions that serve the standard streams
/// (<see cref="StdioFunctions"/>) and clocks (<see cref="ClockFunctions"/>); then the module's
/// <c>_start</c>. Never throws for anything the guest does; every ending is an
/// <see cref="ExecutionResult"/>.
/// </summary>
internal sealed class WasiExecutor(WasmEngine engine, RuntimeSettings settings)
{
    public ExecutionResult Execute(LoadedModule module, ExecutionRequest request)
    {
        using var guest = new GuestState(request.Stdin, settings.MaxOutputBytes, request.Timeout);
        var budget = new MemoryBudget((ulong)settings.MaxMemoryBytes);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var store = new Store(engine.Engine);
            engine.Limits.ApplyTo(store, perMemoryLimit: null);
            store.SetWasiConfiguration(BuildWasi(module.Name, request));
            store.SetData(guest);
            store.SetEpochDeadline(WasmEngine.TicksFor(request.Timeout));
            // Memories are created and grown on this thread: the memory creator charges them here.
            using var charged = budget.Enter();
            try
            {
                engine.Prepared.RunStart(store, module.Module);
                return Result(ExecutionOutcome.Completed, 0, null);
            }
            catch (WasmtimeException e) when (e.ExitCode is { } exitCode)
            {
                // proc_exit(n): the guest chose to end; that is a completed run.
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
            var (outcome, message) = FailureClassifier.Classify(e, budget.Refusal, settings.MaxMemoryBytes, settings.PoolMax);
            return Result(outcome, null, message);
        }

        ExecutionResult Result(ExecutionOutcome outcome, int? exitCode, string? message) => new(
            outcome, exitCode, guest.Stdout.ToText(), guest.Stderr.ToText(), guest.Stdout.Truncated || guest.Stderr.Truncated,
            Stopwatch.GetElapsedTime(started), message);
    }

    /// <summary>Arguments and environment; the standard streams are served by <see cref="StdioFunctions"/>.</summary>
    private static WasiConfiguration BuildWasi(string moduleName, ExecutionRequest request) =>
        new WasiConfiguration()
            .WithArg(moduleName)
            .WithArgs(request.Args)
            .WithEnvironmentVariables(request.Environment.Select(v => (v.Key, v.Value)));
}
