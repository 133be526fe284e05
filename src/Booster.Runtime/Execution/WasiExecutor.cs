using System.Diagnostics;
using Booster.Contract;
using Booster.Runtime.Modules;
using Wasmtime;

namespace Booster.Runtime.Execution;

/// <summary>
/// Runs one execution: a fresh Store with WASI args and env, the memory limit and an epoch
/// deadline, and a <see cref="GuestState"/> for the host functions that serve the standard
/// streams (<see cref="StdioFunctions"/>) and sleeps (<see cref="ClockFunctions"/>); then the
/// module's <c>_start</c>. Never throws for anything the guest does; every ending is an
/// <see cref="ExecutionResult"/>.
/// </summary>
internal sealed class WasiExecutor(WasmEngine engine, RuntimeSettings settings)
{
    private const int WasmPageSize = 65536;

    public ExecutionResult Execute(LoadedModule module, ExecutionRequest request)
    {
        using var guest = new GuestState(request.Stdin, settings.MaxOutputBytes, request.Timeout);
        var started = Stopwatch.GetTimestamp();
        Instance? instance = null;
        try
        {
            using var store = new Store(engine.Engine);
            store.SetLimits(memorySize: settings.MaxMemoryBytes);
            store.SetWasiConfiguration(BuildWasi(module.Name, request));
            store.SetData(guest);
            store.SetEpochDeadline(WasmEngine.TicksFor(request.Timeout));
            try
            {
                instance = engine.Linker.Instantiate(store, module.Module);
                instance.GetAction("_start")!.Invoke();
                return Result(ExecutionOutcome.Completed, 0, null);
            }
            catch (WasmtimeException e) when (e.ExitCode is { } exitCode)
            {
                // proc_exit(n): the guest chose to end; that is a completed run.
                return Result(ExecutionOutcome.Completed, exitCode, null);
            }
            catch (WasmtimeException e)
            {
                var (outcome, message) = FailureClassifier.Classify(e, MemoryAtLimit(instance), settings.MaxMemoryBytes, settings.PoolMax);
                return Result(outcome, null, message);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Store creation or WASI set-up failed (for example, mmap refused): not the guest's doing.
            var (outcome, message) = FailureClassifier.Classify(e, memoryAtLimit: false, settings.MaxMemoryBytes, settings.PoolMax);
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

    /// <summary>
    /// memory.grow past the store limit returns -1 instead of trapping, so a guest that hits
    /// the limit usually traps right after (abort, unreachable). Its memory then sits within
    /// one page of the limit: that is how a memory-limit failure is told from other traps.
    /// </summary>
    private bool MemoryAtLimit(Instance? instance)
    {
        try
        {
            var memory = instance?.GetMemory("memory");
            return memory is not null && memory.GetLength() + WasmPageSize > settings.MaxMemoryBytes;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }
}
