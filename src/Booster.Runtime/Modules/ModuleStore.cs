using System.Collections.Immutable;

namespace Booster.Runtime.Modules;

/// <summary>
/// The modules currently served, swapped atomically on every (re)load. Readers take a
/// snapshot; a reload never disturbs an execution that already holds its module. The default
/// module is decided once per change, not on every request.
/// </summary>
internal sealed class ModuleStore(string? configuredDefault)
{
    private readonly Lock _writes = new();
    private volatile Snapshot _current = new(ImmutableDictionary.Create<string, LoadedModule>(StringComparer.Ordinal), null);

    public IReadOnlyList<LoadedModule> All => _current.Modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public LoadedModule? Find(string name) => _current.Modules.GetValueOrDefault(name);

    /// <summary>
    /// BOOSTER_DEFAULT_MODULE when set (null if it is not loaded), otherwise the module whose
    /// file is newest, as the original booster chose.
    /// </summary>
    public LoadedModule? Default => _current.Default;

    public string? ConfiguredDefault => configuredDefault;

    public void Set(LoadedModule module) => Change(modules => modules.SetItem(module.Name, module));

    public bool Remove(string name)
    {
        lock (_writes)
        {
            if (!_current.Modules.ContainsKey(name)) return false;
            Change(modules => modules.Remove(name));
            return true;
        }
    }

    private void Change(Func<ImmutableDictionary<string, LoadedModule>, ImmutableDictionary<string, LoadedModule>> change)
    {
        lock (_writes)
        {
            var modules = change(_current.Modules);
            _current = new Snapshot(modules, ChooseDefault(modules));
        }
    }

    private LoadedModule? ChooseDefault(ImmutableDictionary<string, LoadedModule> modules) =>
        configuredDefault is not null
            ? modules.GetValueOrDefault(configuredDefault)
            : modules.Values.OrderByDescending(m => m.FileModifiedAt).ThenBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The modules and the default among them, published together.</summary>
    private sealed record Snapshot(ImmutableDictionary<string, LoadedModule> Modules, LoadedModule? Default);
}
