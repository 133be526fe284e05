using Booster.Contract;

namespace Booster.Contract.Tests;

public class ShutdownBudgetTests
{
    [Fact]
    public void CoversTheDrainDelayTheQueueWaitAndTheLongestExecution()
    {
        var settings = new RuntimeSettings { DrainDelayMs = 5000, QueueTimeoutMs = 30000, TimeoutMs = 10000 };

        ShutdownBudget.For(settings).Should().Be(TimeSpan.FromSeconds(50)); // 45 s + the 5 s margin
        ShutdownBudget.GracePeriodSeconds(settings).Should().Be(52);        // and 2 s for the kubelet
    }

    [Fact]
    public void TheGracePeriodIsRoundedUpSoTheRuntimeAlwaysStopsFirst() =>
        ShutdownBudget.GracePeriodSeconds(new RuntimeSettings { DrainDelayMs = 1, QueueTimeoutMs = 0, TimeoutMs = 1 })
            .Should().Be(8); // 7.002 s → 8
}
