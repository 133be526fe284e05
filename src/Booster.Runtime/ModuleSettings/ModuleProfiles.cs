using Booster.Contract;
using Booster.Runtime.DataImports;
using Prometheus;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// The per-module settings in force: the last file that validated, made into a
/// <see cref="ModuleProfile"/> per module it names (and one of the runtime's for every other),
/// swapped whole when a new file applies. A refused file changes nothing but the error it
/// leaves for <c>GET /modules</c>, the log and the metric.
/// </summary>
internal sealed class ModuleProfiles
{
    private readonly RuntimeSettings _runtime;
    private readonly DataImportGrants _grants;
    private readonly Counter _reloads;
    private readonly Gauge _valid;
    private volatile Snapshot _current;

    /// <summary>What is in force and what was last refused.</summary>
    /// <param name="Sha256">Of the file applied; null when none is.</param>
    internal sealed record Snapshot(
        ModuleSettingsFile File,
        IReadOnlyDictionary<string, ModuleProfile> Named,
        ModuleProfile Unnamed,
        string? Sha256,
        DateTimeOffset? AppliedAt,
        string? Error,
        DateTimeOffset? RefusedAt);

    public ModuleProfiles(RuntimeSettings runtime, DataImportGrants grants, ModuleSettingsSource source, CollectorRegistry registry)
    {
        _runtime = runtime;
        _grants = grants;
        Source = source;
        var metrics = Metrics.WithCustomRegistry(registry);
        _reloads = metrics.CreateCounter("booster_module_settings_loads_total",
            "Per-module settings files read, by result: applied or refused (the last good settings stay in force).",
            new CounterConfiguration { LabelNames = ["result"] });
        _valid = metrics.CreateGauge("booster_module_settings_valid",
            "1 when the per-module settings file last read is in force, 0 when it was refused.");
        _valid.Set(1);
        _current = new Snapshot(ModuleSettingsFile.Empty, new Dictionary<string, ModuleProfile>(),
            Runtime(), null, null, null, null);
    }

    public ModuleSettingsSource Source { get; }

    public Snapshot Current => _current;

    /// <summary>The profile a run of <paramref name="module"/> starting now gets.</summary>
    public ModuleProfile For(string module)
    {
        var current = _current;
        return current.Named.TryGetValue(module, out var profile) ? profile : current.Unnamed;
    }

    /// <summary>Puts a validated file in force; runs already started keep the profile they took.</summary>
    public void Apply(ModuleSettingsFile file, string? sha256, DateTimeOffset now)
    {
        var previous = _current;
        var named = file.Modules.ToDictionary(m => m.Key, m => Profile(m.Value, Reused(previous, m.Key, m.Value.MaxConcurrency)), StringComparer.Ordinal);
        _current = new Snapshot(file, named, previous.Unnamed, sha256, now, null, null);
        _reloads.WithLabels("applied").Inc();
        _valid.Set(1);
    }

    /// <summary>Records why a file was refused; what is in force stays.</summary>
    public void Refuse(string error, DateTimeOffset now)
    {
        _current = _current with { Error = error, RefusedAt = now };
        _reloads.WithLabels("refused").Inc();
        _valid.Set(0);
    }

    private ModuleProfile Runtime() => Profile(ModuleEntry.Unset, null);

    private ModuleProfile Profile(ModuleEntry entry, ModuleSlots? slots) =>
        new(entry, _runtime, entry == ModuleEntry.Unset ? _grants.Runtime : _grants.For(entry.Redis, entry.Postgres), slots);

    /// <summary>The module's slot count, kept when its limit did not change so runs in flight still count.</summary>
    private static ModuleSlots? Reused(Snapshot previous, string module, int? limit)
    {
        if (limit is not { } max) return null;
        return previous.Named.TryGetValue(module, out var old) && old.Slots is { } slots && slots.Limit == max ? slots : new ModuleSlots(max);
    }
}
