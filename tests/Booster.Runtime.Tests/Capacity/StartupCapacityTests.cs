using Booster.Runtime.Capacity;

namespace Booster.Runtime.Tests.Capacity;

public class StartupCapacityTests
{
    [Theory]
    [InlineData(4, 64, 2, 68)]
    [InlineData(500, 64, 2, 500)]
    [InlineData(1, 1, 8, 17)]
    public void ThreadsCoverEveryExecutionAndTwoPerProcessorWithoutLoweringTheMinimum(int current, int executions, int processors, int expected) =>
        StartupCapacity.MinWorkerThreads(current, executions, processors).Should().Be(expected);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(64, 68)]
    [InlineData(256, 260)]
    [InlineData(10_000, 260)]
    public void WarmRegionsFollowThePoolUpToTheirCap(int poolMax, int expected) =>
        WarmRegions.For(poolMax).Should().Be(expected);
}
