using Booster.Runtime.DataImports;
using Booster.Runtime.Execution;

namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// One module's settings as the settings file declares them; null means "the runtime's".
/// Sizes are bytes, times milliseconds. Validated against the runtime's own limits already.
/// </summary>
internal sealed record ModuleEntry(
    int? TimeoutMs,
    long? MaxMemoryBytes,
    long? MaxOutputBytes,
    int? MaxConcurrency,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    IReadOnlyList<FileGrant> Files,
    ImportGrant Redis,
    ImportGrant Postgres)
{
    /// <summary>A module named with nothing set: every value the runtime's.</summary>
    public static ModuleEntry Unset { get; } = new(null, null, null, null, [], [], ImportGrant.Runtime, ImportGrant.Runtime);
}
