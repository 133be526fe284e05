namespace Booster.Runtime.Capacity;

/// <summary>
/// How many free warm memory regions the engine keeps: about one per execution that may run at
/// once, so that a full pool finds its memories warm. Decided before the engine exists (the
/// probe that sizes the pool needs the engine), so from BOOSTER_POOL_MAX as asked.
/// </summary>
internal static class WarmRegions
{
    /// <summary>
    /// The most regions kept for the pool's executions. A free region keeps up to
    /// <see cref="Execution.WarmPool.WarmMemoryPool.KeepResidentBytes"/> resident, so this bounds
    /// what an idle runtime holds (256 × 8 MiB = 2 GiB) however large the pool.
    /// </summary>
    public const int MaxForExecutions = 256;

    /// <summary>
    /// Memories created outside the pool's executions, at the same time as a full pool: a module's
    /// validation instance and start function while it loads, and the start-up probe's
    /// instances (<see cref="InstanceCostProbe"/>).
    /// </summary>
    public const int BeyondExecutions = 4;

    public static int For(int poolMax) => Math.Min(poolMax, MaxForExecutions) + BeyondExecutions;
}
