using Booster.Contract;
using Booster.Runtime.Configuration;
using Booster.Runtime.Execution;

namespace Booster.Runtime.Capacity;

/// <summary>
/// The start-up step that sizes the pool: measures what an instance costs on this engine, reads
/// the process's headroom from /proc and its limits, decides the <see cref="PoolSize"/>, and
/// gives the thread pool enough threads for it.
/// </summary>
internal static class StartupCapacity
{
    public static PoolSize Apply(WasmEngine engine, RuntimeSettings settings)
    {
        var poolSize = PoolSize.Decide(settings.PoolMax,
            InstanceCostProbe.Measure(engine, settings.Memory, settings.MaxMemoryBytes),
            new ResourceHeadroom(SystemLimits.ReadMaxMapCount(), SystemLimits.CountMaps() ?? 0,
                SystemLimits.ReadAddressSpaceLimit(), (ulong)(SystemLimits.ReadVirtualMemoryBytes() ?? 0)));
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(MinWorkerThreads(workers, poolSize.Effective, Environment.ProcessorCount), io);
        return poolSize;
    }

    /// <summary>
    /// Executions block their thread while the guest runs. Without a thread for each at hand and
    /// two per processor besides, a full pool would starve Kestrel's I/O until the thread pool
    /// slowly grows. Never lowers the minimum already set.
    /// </summary>
    public static int MinWorkerThreads(int current, int executionsAtOnce, int processors) =>
        Math.Max(current, executionsAtOnce + processors * 2);
}
