namespace Booster.Contract;

/// <summary>
/// How long a runtime may take to stop after SIGTERM: the drain delay, then the longest a
/// waiting request may wait for a slot, then the longest execution, plus a margin to answer
/// and exit. The runtime waits that long before it resets connections; the operator gives the
/// pod a little more (terminationGracePeriodSeconds), so the kubelet never kills it first.
/// </summary>
public static class ShutdownBudget
{
    /// <summary>For writing the answers, stopping the server and exiting.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    /// <summary>What the kubelet allows beyond the runtime's own budget before it kills.</summary>
    public static readonly TimeSpan KillMargin = TimeSpan.FromSeconds(2);

    public static TimeSpan For(RuntimeSettings settings) =>
        TimeSpan.FromMilliseconds((long)settings.DrainDelayMs + settings.QueueTimeoutMs + settings.TimeoutMs) + Margin;

    /// <summary>The pod's terminationGracePeriodSeconds: the budget, rounded up, plus the kill margin.</summary>
    public static long GracePeriodSeconds(RuntimeSettings settings) =>
        (long)Math.Ceiling((For(settings) + KillMargin).TotalSeconds);
}
