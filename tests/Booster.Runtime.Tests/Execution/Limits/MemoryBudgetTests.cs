using Booster.Runtime.Execution.Limits;

namespace Booster.Runtime.Tests.Execution.Limits;

public class MemoryBudgetTests
{
    [Fact]
    public void MemoriesShareOneLimitAndTheFirstRefusalIsRecorded()
    {
        var budget = new MemoryBudget(100);

        budget.TryGrow(0, 60).Should().BeTrue();
        budget.TryGrow(0, 30).Should().BeTrue();
        budget.Refusal.Should().BeNull();
        budget.TryGrow(30, 50).Should().BeFalse();
        budget.TryGrow(0, 20).Should().BeFalse();

        budget.UsedBytes.Should().Be(90);
        budget.Refusal.Should().Contain("from 30 to 50 bytes").And.Contain("110 bytes").And.Contain("limit of 100");
    }

    [Fact]
    public void ReleasedBytesCanBeUsedAgain()
    {
        var budget = new MemoryBudget(100);
        budget.TryGrow(0, 100).Should().BeTrue();

        budget.Release(100);

        budget.TryGrow(0, 100).Should().BeTrue();
        budget.Refusal.Should().BeNull();
    }

    [Fact]
    public void GrowingToExactlyTheLimitIsAllowed() => new MemoryBudget(65536).TryGrow(0, 65536).Should().BeTrue();

    [Fact]
    public void TheBudgetIsTheCurrentOneOnlyOnItsThreadAndInsideItsScope()
    {
        var budget = new MemoryBudget(1);
        MemoryBudget? elsewhere = budget;

        using (budget.Enter())
        {
            MemoryBudget.Current.Should().BeSameAs(budget);
            var thread = new Thread(() => elsewhere = MemoryBudget.Current);
            thread.Start();
            thread.Join();
        }

        elsewhere.Should().BeNull();
        MemoryBudget.Current.Should().BeNull();
    }
}
