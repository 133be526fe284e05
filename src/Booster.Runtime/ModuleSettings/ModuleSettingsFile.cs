namespace Booster.Runtime.ModuleSettings;

/// <summary>A whole settings file, validated: the modules it names and their settings.</summary>
internal sealed record ModuleSettingsFile(IReadOnlyDictionary<string, ModuleEntry> Modules)
{
    /// <summary>No file, or a file naming no module: every module runs with the runtime's settings.</summary>
    public static ModuleSettingsFile Empty { get; } = new(new Dictionary<string, ModuleEntry>());

    public ModuleEntry For(string module) => Modules.TryGetValue(module, out var entry) ? entry : ModuleEntry.Unset;
}
