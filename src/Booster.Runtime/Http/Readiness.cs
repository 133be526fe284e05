using Booster.Runtime.Modules;

namespace Booster.Runtime.Http;

/// <summary>
/// Whether this replica should receive traffic: the first scan of BOOSTER_PATH has settled
/// every file (loaded or rejected), a default module is loaded, and the process is not
/// draining for shutdown.
/// </summary>
internal sealed class Readiness(ModuleStore store, FirstScan firstScan)
{
    private volatile bool _draining;

    public bool Draining => _draining;

    /// <summary>Called once when shutdown begins: /ready turns 503, new runs are refused.</summary>
    public void BeginDraining() => _draining = true;

    public (bool Ready, string? Reason) Check()
    {
        if (_draining) return (false, "draining: the process is shutting down");
        if (!firstScan.IsFinished) return (false, FirstScanReason());
        if (store.Default is not null) return (true, null);
        return (false, store.ConfiguredDefault is { } name
            ? $"the default module '{name}' is not loaded"
            : "no module is loaded yet");
    }

    private string FirstScanReason() => firstScan.Files < 0
        ? "the first scan of the module path has not listed its files yet"
        : $"the first scan of the module path is loading: {Math.Min(firstScan.Settled, firstScan.Files)} of {firstScan.Files} files settled";
}
