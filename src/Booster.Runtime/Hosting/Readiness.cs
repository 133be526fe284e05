using Booster.Runtime.Modules;

namespace Booster.Runtime.Hosting;

/// <summary>
/// Whether this replica should receive traffic: a default module is loaded and the process
/// is not draining for shutdown.
/// </summary>
internal sealed class Readiness(ModuleStore store)
{
    private volatile bool _draining;

    public bool Draining => _draining;

    /// <summary>Called once when shutdown begins: /ready turns 503, new runs are refused.</summary>
    public void BeginDraining() => _draining = true;

    public (bool Ready, string? Reason) Check()
    {
        if (_draining) return (false, "draining: the process is shutting down");
        if (store.Default is not null) return (true, null);
        return (false, store.ConfiguredDefault is { } name
            ? $"the default module '{name}' is not loaded"
            : "no module is loaded yet");
    }
}
