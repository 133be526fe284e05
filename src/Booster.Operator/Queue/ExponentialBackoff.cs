namespace Booster.Operator.Queue;

/// <summary>
/// Delay before the next attempt after <c>failures</c> failures in a row: <see cref="Base"/>
/// doubled per failure, capped at <see cref="Max"/>. Pure, so tests check the curve directly.
/// </summary>
internal sealed record ExponentialBackoff(TimeSpan Base, TimeSpan Max)
{
    /// <summary>What a reconcile failure waits: 200 ms, 400 ms, … up to 5 minutes.</summary>
    public static ExponentialBackoff Reconcile { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5));

    /// <summary>What a dropped watch waits before it reconnects: 500 ms, 1 s, … up to 30 s.</summary>
    public static ExponentialBackoff Watch { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    public TimeSpan Delay(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        // Past 2^30 the product overflows long before any sane cap; clamp the exponent.
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var ticks = Base.Ticks * factor;
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay with up to 20% random spread, so that many clients do not retry in step.</summary>
    public TimeSpan DelayWithJitter(int failures, Random random)
    {
        var delay = Delay(failures);
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * random.NextDouble()));
    }
}
