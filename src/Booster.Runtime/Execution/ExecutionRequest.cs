namespace Booster.Runtime.Execution;

/// <summary>
/// What one execution gets: argv[1..], environment, stdin bytes and a time budget; and the
/// module's settings (its memory and output limits, read-only folders, data import backends),
/// or null for the runtime's.
/// </summary>
internal sealed record ExecutionRequest(
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    byte[]? Stdin,
    TimeSpan Timeout,
    Booster.Runtime.ModuleSettings.ModuleProfile? Profile = null);
