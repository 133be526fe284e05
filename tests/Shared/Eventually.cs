namespace Booster.Tests.Shared;

/// <summary>
/// Waits, bounded, for something another thread or process makes true: no fixed sleeps, and never
/// forever. A condition that throws (e.g. a 404 while an object does not exist yet) counts as not yet.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Short enough not to slow a test down, long enough not to busy a shared machine.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task True(Func<bool> condition, string what = "the condition", TimeSpan? timeout = null) =>
        await True(() => Task.FromResult(condition()), what, timeout);

    public static async Task True(Func<Task<bool>> condition, string what = "the condition", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
                last = null;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#}s waiting for {what}" + (last is null ? "" : $"; last error: {last.Message}"));
    }

    /// <summary>Waits until <paramref name="read"/> returns a value that satisfies <paramref name="accept"/>, and returns it.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        T value = default!;
        await True(async () => accept(value = await read()), what, timeout);
        return value;
    }
}
