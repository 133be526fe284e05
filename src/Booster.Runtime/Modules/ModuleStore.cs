using System.Collections.Immutable;

namespace Booster.Runtime.Modules;

/// <summary>
/// The modules currently served, swapped atomically on every (re)load. Readers take a
/// snapshot; a reload never disturbs an execution that already holds its module.
/// </summary>
internal sealed class ModuleStore(string? configuredDefault)
{
    private ImmutableDictionary<string, LoadedModule> _modules = ImmutableDictionary.Create<string, LoadedModule>(StringComparer.Ordinal);

    /// <summary>Raised after every change, with the module name.</summary>
    public event Action<string>? Changed;

    public IReadOnlyList<LoadedModule> All => Volatile.Read(ref _modules).Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public int Count => Volatile.Read(ref _modules).Count;

    public LoadedModule? Find(string name) => Volatile.Read(ref _modules).GetValueOrDefault(name);

    /// <summary>
    /// BOOSTER_DEFAULT_MODULE when set (null if it is not loaded), otherwise the module whose
    /// file is newest, as the original booster chose.
    /// </summary>
    public LoadedModule? Default =>
        configuredDefault is not null
            ? Find(configuredDefault)
            : Volatile.Read(ref _modules).Values.OrderByDescending(m => m.FileModifiedAt).ThenBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();

    public string? ConfiguredDefault => configuredDefault;

    public void Set(LoadedModule module)
    {
        ImmutableInterlocked.Update(ref _modules, (map, m) => map.SetItem(m.Name, m), module);
        Changed?.Invoke(module.Name);
    }

    public bool Remove(string name)
    {
        var removed = ImmutableInterlocked.TryRemove(ref _modules, name, out _);
        if (removed) Changed?.Invoke(name);
        return removed;
    }
}
