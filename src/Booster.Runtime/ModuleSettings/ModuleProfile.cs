using Booster.Contract;
using Booster.Runtime.DataImports;
using Booster.Runtime.Execution;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// What a run of one module gets: its settings resolved against the runtime's (a value not set
/// is the runtime's), with what they need at run time made once per applied file — its data
/// import backends, its share of the pool. A run takes the profile current when it starts and keeps it to the end.
/// </summary>
internal sealed class ModuleProfile
{
    public ModuleProfile(ModuleEntry entry, RuntimeSettings runtime, DataImportGrant dataImports, ModuleSlots? slots)
    {
        Entry = entry;
        TimeoutMs = entry.TimeoutMs ?? runtime.TimeoutMs;
        MaxMemoryBytes = entry.MaxMemoryBytes ?? runtime.MaxMemoryBytes;
        MaxOutputBytes = entry.MaxOutputBytes ?? runtime.MaxOutputBytes;
        DataImports = dataImports;
        Slots = slots;
        Execution = new ModuleLimits(MaxMemoryBytes, MaxOutputBytes,
            entry.MaxMemoryBytes is null ? BoosterVariables.MaxMemoryBytes : "the module's maxMemory", entry.Files, dataImports);
    }

    /// <summary>What these settings change in each execution, made once.</summary>
    public ModuleLimits Execution { get; }

    /// <summary>What the settings file says of this module (nothing for a module it does not name).</summary>
    public ModuleEntry Entry { get; }

    /// <summary>The longest a run may take; a request's timeout_ms may only lower it.</summary>
    public int TimeoutMs { get; }

    public long MaxMemoryBytes { get; }

    public long MaxOutputBytes { get; }

    /// <summary>The module's share of the pool; null: no cap but the pool's.</summary>
    public ModuleSlots? Slots { get; }

    /// <summary>Variables every run gets; a request's env cannot override them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env => Entry.Env;

    public DataImportGrant DataImports { get; }

    /// <summary>The request's environment with the module's variables put over it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentFor(IReadOnlyList<KeyValuePair<string, string>> requested)
    {
        if (Env.Count == 0) return requested;
        var fixedNames = Env.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        return [.. requested.Where(v => !fixedNames.Contains(v.Key)), .. Env];
    }
}
