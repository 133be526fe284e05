namespace Booster.Runtime.Execution;

/// <summary>
/// What a module's own settings change in each of its executions, already resolved against the
/// runtime's (a value the module does not set is the runtime's).
/// </summary>
/// <param name="MaxMemoryBytes">The most its linear memories may hold together.</param>
/// <param name="MaxOutputBytes">The cap on stdout and on stderr.</param>
/// <param name="MemoryLimitName">What a memory_limit message names as the limit reached.</param>
/// <param name="Folders">Read-only folders the guest sees; none: stdin is served by Booster itself.</param>
/// <param name="HostGrant">
/// What the host's imports may reach for this module (its data import backends). The execution
/// keeps it in <see cref="Wasi.GuestState.HostGrant"/> for them and never looks inside.
/// </param>
internal sealed record ModuleLimits(long MaxMemoryBytes, long MaxOutputBytes, string MemoryLimitName,
    IReadOnlyList<FileGrant> Folders, object? HostGrant);
