using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Components;
using Booster.Runtime.Execution.Limits;
using Booster.Runtime.Execution.Wasi;
using Wasmtime;

namespace Booster.Runtime.Modules;

/// <summary>
/// Decides whether a compiled module can be served: first the checks that read only its
/// declarations (<see cref="DeclarationChecks"/>; add a check there), then a throwaway
/// instantiation that proves its imports resolve against the shared linker and its declared
/// minimums fit the limits. A wasm start function runs during that instantiation: it gets
/// the same bounds as an execution (memory limit, epoch deadline, and a deadline that host
/// functions such as poll_oneoff honour), so a start function that loops or sleeps is
/// rejected once its load deadline passes instead of stalling the loader.
/// </summary>
internal sealed class ModuleValidator(WasmEngine engine, long maxMemoryBytes, TimeSpan loadDeadline)
{
    /// <summary>Checks of the module's declarations alone; each returns null or the reason to reject.</summary>
    public static IReadOnlyList<Func<Module, string?>> DeclarationChecks { get; } =
    [
        StartFunctionCheck.Check,
    ];

    public TimeSpan LoadDeadline => loadDeadline;

    /// <returns>Null when the module can be served; otherwise the reason, in plain words.</returns>
    /// <param name="module">The compiled code.</param>
    /// <param name="tier">The compiler that made it: it is instantiated on that tier's engine.</param>
    public string? Validate(Module module, CodeTier tier = CodeTier.Optimized)
    {
        foreach (var check in DeclarationChecks)
        {
            if (check(module) is { } reason) return reason;
        }
        return TryInstantiate(module, engine.For(tier));
    }

    /// <summary>Validates code of either kind (<see cref="ModuleCompiler.CompileAny"/>).</summary>
    public string? Validate(IDisposable code, CodeTier tier) =>
        code is ComponentCode component ? Validate(component, tier) : Validate((Module)code, tier);

    /// <returns>Null when the component can be served; otherwise the reason, in plain words.</returns>
    /// <remarks>
    /// First what it imports and exports (<see cref="ComponentWorld"/>), then a throwaway
    /// instantiation under the limits of a run that finds its run function, without calling it: a component has no start
    /// function of its own, but its core modules may, and they are bounded as a module's are.
    /// </remarks>
    public string? Validate(ComponentCode component, CodeTier tier = CodeTier.Optimized)
    {
        if (component.Rejection is { } reason) return reason;
        var engineTier = engine.For(tier);
        return TryInstantiate(engineTier, component: true, (store, guest) =>
        {
            ComponentWasi.Install(store, GuestArguments.None, [], null, [], guest.Stdout, guest.Stderr);
            ComponentLinker.RunFunction(store, engineTier.ComponentLinker.Instantiate(store, component), component);
        });
    }

    private string? TryInstantiate(Module module, TierEngine tier) => TryInstantiate(tier, component: false, (store, _) =>
    {
        store.SetWasiConfiguration(new WasiConfiguration());
        tier.Linker.Instantiate(store, module);
    });

    /// <summary>
    /// A throwaway instantiation in a Store with the bounds of an execution (limits, memory budget,
    /// epoch deadline); <paramref name="instantiate"/> gives it its WASI context and instantiates.
    /// Null when it succeeded, else the reason.
    /// </summary>
    private string? TryInstantiate(TierEngine tier, bool component, Action<Store, GuestState> instantiate)
    {
        // Output of a start function goes nowhere: a cap of 0 drops it.
        using var guest = new GuestState(stdin: null, maxOutputBytes: 0, loadDeadline);
        // All declared memories together must fit the limit, as in an execution.
        var budget = new MemoryBudget((ulong)maxMemoryBytes);
        try
        {
            using var charged = budget.Enter();
            using var store = new Store(tier.Engine);
            engine.Limits.ApplyTo(store, perMemoryLimit: maxMemoryBytes, component);
            store.SetData(guest);
            store.SetEpochDeadline(WasmEngine.TicksFor(loadDeadline));
            instantiate(store, guest);
            return null;
        }
        catch (WasmtimeException e) when (e.ExitCode is not null)
        {
            // The start function called proc_exit: every run will end the same way, as a completed run.
            return null;
        }
        catch (Exception e) when (e is WasmtimeException or TimeoutException)
        {
            var (outcome, message) = FailureClassifier.Classify(e, budget.Refusal, maxMemoryBytes, poolMax: 0, component: component);
            return outcome switch
            {
                ExecutionOutcome.Timeout =>
                    $"its start function ran past the load deadline of {loadDeadline.TotalMilliseconds:0} ms (BOOSTER_TIMEOUT_MS) and was interrupted",
                ExecutionOutcome.MemoryLimit => message,
                _ => FailureClassifier.RootCause(e.Message),
            };
        }
    }
}
