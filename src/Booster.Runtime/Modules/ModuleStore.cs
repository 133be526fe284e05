using System.Collections.Immutable;

namespace Booster.Runtime.Modules;

/// <summary>
/// The modules currently served, and the files rejected with their reasons, swapped
/// atomically on every change. Readers take a snapshot; a reload never disturbs an execution
/// that already holds its module. The default module is decided once per change, not on every
/// request.
/// </summary>
internal sealed class ModuleStore(string? configuredDefault)
{
    private readonly Lock _writes = new();
    private volatile Snapshot _current = new(
        ImmutableDictionary.Create<string, LoadedModule>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ModuleRejection>(StringComparer.Ordinal),
        null);

    public IReadOnlyList<LoadedModule> All => _current.Modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    /// <summary>Rejected files, by file name.</summary>
    public IReadOnlyList<ModuleRejection> Rejected => _current.Rejected.Values.OrderBy(r => r.FilePath, StringComparer.Ordinal).ToList();

    public LoadedModule? Find(string name) => _current.Modules.GetValueOrDefault(name);

    /// <summary>
    /// BOOSTER_DEFAULT_MODULE when set (null if it is not loaded), otherwise the module whose
    /// file is newest, as the original booster chose.
    /// </summary>
    public LoadedModule? Default => _current.Default;

    public string? ConfiguredDefault => configuredDefault;

    /// <summary>Serves <paramref name="module"/>; its file is no longer rejected.</summary>
    public void Set(LoadedModule module) =>
        Change(s => s with { Modules = s.Modules.SetItem(module.Name, module), Rejected = s.Rejected.Remove(module.FilePath) });

    /// <summary>Records why a file is not served (a module it held before keeps serving).</summary>
    public void Reject(ModuleRejection rejection) =>
        Change(s => s with { Rejected = s.Rejected.SetItem(rejection.FilePath, rejection) });

    /// <summary>
    /// Serves <paramref name="optimized"/> in place of <paramref name="baseline"/>, for every module
    /// whose code that is (identical modules share code), in one swap. Executions that hold the
    /// baseline code finish on it. Returns the modules replaced: none when the baseline code is no
    /// longer served (reloaded or removed meanwhile).
    /// </summary>
    public IReadOnlyList<LoadedModule> ReplaceCode(IDisposable baseline, IDisposable optimized, DateTimeOffset at)
    {
        lock (_writes)
        {
            var replaced = _current.Modules.Values.Where(m => ReferenceEquals(m.Code, baseline)).ToList();
            if (replaced.Count == 0) return [];
            Change(s => s with
            {
                Modules = s.Modules.SetItems(replaced.Select(m => KeyValuePair.Create(m.Name,
                    m with
                    {
                        Module = optimized as Wasmtime.Module,
                        Component = optimized as Execution.Components.ComponentCode,
                        Tier = Execution.CodeTier.Optimized,
                        OptimizedAt = at,
                    }))),
            });
            return replaced;
        }
    }

    /// <summary>A module serving <paramref name="code"/>, if any does.</summary>
    public LoadedModule? Serving(IDisposable code) => _current.Modules.Values.FirstOrDefault(m => ReferenceEquals(m.Code, code));

    public bool Remove(string name)
    {
        lock (_writes)
        {
            if (!_current.Modules.ContainsKey(name)) return false;
            Change(s => s with { Modules = s.Modules.Remove(name) });
            return true;
        }
    }

    /// <summary>Forgets the rejections of files that are no longer there.</summary>
    public void ForgetRejectionsExcept(IReadOnlySet<string> presentFiles)
    {
        lock (_writes)
        {
            var gone = _current.Rejected.Keys.Where(f => !presentFiles.Contains(f)).ToList();
            if (gone.Count > 0) Change(s => s with { Rejected = s.Rejected.RemoveRange(gone) });
        }
    }

    private void Change(Func<Snapshot, Snapshot> change)
    {
        lock (_writes)
        {
            var next = change(_current);
            _current = next with { Default = ChooseDefault(next.Modules) };
        }
    }

    private LoadedModule? ChooseDefault(ImmutableDictionary<string, LoadedModule> modules) =>
        configuredDefault is not null
            ? modules.GetValueOrDefault(configuredDefault)
            : modules.Values.OrderByDescending(m => m.FileModifiedAt).ThenBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The modules, the rejections and the default among the modules, published together.</summary>
    private sealed record Snapshot(
        ImmutableDictionary<string, LoadedModule> Modules,
        ImmutableDictionary<string, ModuleRejection> Rejected,
        LoadedModule? Default);
}
