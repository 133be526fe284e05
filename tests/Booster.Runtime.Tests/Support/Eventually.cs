namespace Booster.Runtime.Tests.Support;

/// <summary>Waits, bounded, for something another thread or process makes true.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached in time");
            await Task.Delay(10);
        }
    }
}
