namespace Booster.Runtime.Execution.Limits;

/// <summary>
/// The linear-memory bytes one execution may hold, all its memories together
/// (BOOSTER_MAX_MEMORY_BYTES). The memory creator charges every new memory and every growth
/// here, on the thread that runs the execution, and a refusal is recorded at the moment it
/// happens: that record, not how full the memory looks afterwards, is what makes a failed
/// execution a <c>memory_limit</c>.
/// </summary>
internal sealed class MemoryBudget(ulong limitBytes)
{
    [ThreadStatic] private static MemoryBudget? _current;

    private long _used;
    private string? _refusal;

    /// <summary>The budget of the execution running on this thread, if any.</summary>
    public static MemoryBudget? Current => _current;

    public ulong LimitBytes => limitBytes;

    /// <summary>Bytes held now by the execution's memories.</summary>
    public ulong UsedBytes => (ulong)Interlocked.Read(ref _used);

    /// <summary>What was refused first, in plain words; null while nothing was.</summary>
    public string? Refusal => Volatile.Read(ref _refusal);

    /// <summary>Makes this the budget of the execution on the calling thread until the scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = _current;
        _current = this;
        return new Scope(previous);
    }

    /// <summary>
    /// Charges a memory going from <paramref name="fromBytes"/> to <paramref name="toBytes"/>.
    /// False (and the refusal recorded) when the execution's memories together would pass the limit.
    /// </summary>
    public bool TryGrow(ulong fromBytes, ulong toBytes)
    {
        var delta = (long)(toBytes - Math.Min(fromBytes, toBytes));
        while (true)
        {
            var used = Interlocked.Read(ref _used);
            if ((ulong)used + (ulong)delta > limitBytes)
            {
                Record($"growing a linear memory from {fromBytes} to {toBytes} bytes would bring this execution's memories to " +
                       $"{(ulong)used + (ulong)delta} bytes, past the limit of {limitBytes}");
                return false;
            }
            if (Interlocked.CompareExchange(ref _used, used + delta, used) == used) return true;
        }
    }

    /// <summary>Gives back what a released memory held (a finalizer may do so from another thread).</summary>
    public void Release(ulong bytes) => Interlocked.Add(ref _used, -(long)bytes);

    /// <summary>Records a refusal made elsewhere (a table or instance count), keeping the first.</summary>
    public void Record(string refusal) => Interlocked.CompareExchange(ref _refusal, refusal, null);

    public readonly struct Scope(MemoryBudget? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
