namespace Booster.Runtime.Http;

/// <summary>
/// Bounds the bodies held by <c>POST /run</c> requests that wait again for their module's
/// slots (the module is named in the body, read only once a pool slot was held). The budget is
/// what the queue may hold anyway: BOOSTER_QUEUE_MAX × the read buffer of a waiting request
/// (<see cref="RequestBody.WaitingBufferBytes"/>). Past it such a request is refused, never held.
/// </summary>
internal sealed class RequeuedBodies(long budgetBytes)
{
    private long _held;

    public long BudgetBytes => budgetBytes;

    public long HeldBytes => Interlocked.Read(ref _held);

    public bool TryHold(long bytes)
    {
        if (Interlocked.Add(ref _held, bytes) <= budgetBytes) return true;
        Interlocked.Add(ref _held, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref _held, -bytes);
}
