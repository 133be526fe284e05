using Booster.Operator.Reconciliation;
using k8s.Models;

namespace Booster.Operator.Tests.Reconciliation;

public class ConditionsTests
{
    private static readonly DateTime Earlier = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2030, 1, 1, 0, 5, 0, 123, DateTimeKind.Utc);

    private static V1Condition Condition(string status, string reason = "R", DateTime? time = null) =>
        new() { Type = "Available", Status = status, Reason = reason, Message = "m", LastTransitionTime = time ?? default };

    [Fact]
    public void TheTransitionTimeStaysWhileTheStatusStays()
    {
        var merged = Conditions.Merge([Condition("True", "Old", Earlier)], [Condition("True", "New")], Now).Single();

        merged.LastTransitionTime.Should().Be(Earlier);
        merged.Reason.Should().Be("New");
    }

    [Fact]
    public void AFlipTakesTheCurrentTimeInWholeSeconds() =>
        Conditions.Merge([Condition("True", time: Earlier)], [Condition("False")], Now).Single()
            .LastTransitionTime.Should().Be(new DateTime(2030, 1, 1, 0, 5, 0, DateTimeKind.Utc));

    [Fact]
    public void ANewConditionTakesTheCurrentTime() =>
        Conditions.Merge(null, [Condition("True")], Now).Single().LastTransitionTime.Should().Be(new DateTime(2030, 1, 1, 0, 5, 0, DateTimeKind.Utc));
}
