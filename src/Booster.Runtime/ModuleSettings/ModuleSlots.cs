namespace Booster.Runtime.ModuleSettings;

/// <summary>
/// A module's share of the execution pool (<c>maxConcurrency</c>): at most <see cref="Limit"/> of
/// its runs hold a slot at once. Kept across reloads while the limit stays the same, so runs in
/// flight still count; a new limit starts a new count (runs already started finish on the old).
/// </summary>
internal sealed class ModuleSlots(int limit)
{
    public int Limit => limit;

    public SemaphoreSlim Semaphore { get; } = new(limit, limit);

    /// <summary>Runs of the module holding one of its slots now.</summary>
    public int InUse => limit - Semaphore.CurrentCount;
}
