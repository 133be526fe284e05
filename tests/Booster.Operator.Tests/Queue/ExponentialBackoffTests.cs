using Booster.Operator.Queue;

namespace Booster.Operator.Tests.Queue;

public class ExponentialBackoffTests
{
    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(5, 1000)]
    [InlineData(1000, 1000)]
    public void TheDelayDoublesPerFailureUpToTheCap(int failures, int milliseconds) =>
        Backoff.Delay(failures).Should().Be(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void JitterAddsAtMostAFifth()
    {
        var random = new Random(1);
        for (var i = 0; i < 100; i++)
            Backoff.DelayWithJitter(3, random).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400)).And.BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(480));
    }
}
