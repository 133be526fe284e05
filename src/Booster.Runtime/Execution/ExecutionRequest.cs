namespace Booster.Runtime.Execution;

/// <summary>
/// What one execution gets: argv[1..], environment, stdin bytes and a time budget; and what the
/// module's settings change in it (<see cref="ModuleLimits"/>), or null for the runtime's.
/// </summary>
internal sealed record ExecutionRequest(
    IReadOnlyList<string> Args,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    byte[]? Stdin,
    TimeSpan Timeout,
    ModuleLimits? Module = null);
