using Booster.Operator.Reconciliation;
using Booster.Operator.Watching;
using FluentAssertions;
using Xunit;

namespace Booster.Operator.Tests.Reconciliation;

public class OwnWritesTests
{
    private static readonly ObjectKey Web = new("default", "web");
    private const string Deployment = "Deployment";

    [Fact]
    public void TheEventOfAWriteArrivingBeforeItsResponseQueuesNothing()
    {
        var writes = new OwnWrites();
        var queued = 0;
        using (var write = writes.Begin(Deployment, Web))
        {
            writes.IsForeign(Deployment, Web, "12", () => queued++).Should().BeFalse("a write of the object is in flight");
            write.Completed("12");
        }

        queued.Should().Be(0, "the held event was the write's own");
        writes.IsForeign(Deployment, Web, "12", () => queued++).Should().BeFalse("the same event delivered again is still the operator's own");
    }

    [Fact]
    public void AForeignChangeThatSlipsInDuringAWriteQueuesOnceTheWriteSettles()
    {
        var writes = new OwnWrites();
        var queued = 0;
        var write = writes.Begin(Deployment, Web);
        writes.IsForeign(Deployment, Web, "11", () => queued++).Should().BeFalse();
        writes.IsForeign(Deployment, Web, "12", () => queued++).Should().BeFalse();
        queued.Should().Be(0, "nothing is decided while the write is in flight");

        write.Completed("12");

        queued.Should().Be(1, "version 11 was someone else's change");
    }

    [Fact]
    public void AWriteThatFailsQueuesEveryHeldEvent()
    {
        var writes = new OwnWrites();
        var queued = 0;
        using (writes.Begin(Deployment, Web))
        {
            writes.IsForeign(Deployment, Web, "11", () => queued++).Should().BeFalse();
        }

        queued.Should().Be(1);
        writes.IsForeign(Deployment, Web, "11", () => queued++).Should().BeTrue("no write is in flight and 11 is not the operator's");
    }

    [Fact]
    public void HeldEventsWaitForEveryWriteInFlightOfTheObject()
    {
        var writes = new OwnWrites();
        var queued = 0;
        var first = writes.Begin(Deployment, Web);
        var second = writes.Begin(Deployment, Web);
        writes.IsForeign(Deployment, Web, "12", () => queued++).Should().BeFalse();
        writes.IsForeign(Deployment, Web, "13", () => queued++).Should().BeFalse();

        first.Completed("12");
        queued.Should().Be(0, "the second write is still in flight");
        second.Completed("13");

        queued.Should().Be(0, "both held events were the operator's own writes");
    }

    [Fact]
    public void OnlyTheSameKindAndObjectCount()
    {
        var writes = new OwnWrites();
        using (var write = writes.Begin(Deployment, Web)) write.Completed("12");

        writes.IsForeign("Service", Web, "12", () => { }).Should().BeTrue();
        writes.IsForeign(Deployment, new ObjectKey("default", "other"), "12", () => { }).Should().BeTrue();
        writes.IsForeign(Deployment, Web, "13", () => { }).Should().BeTrue();

        writes.Forget(Web);
        writes.IsForeign(Deployment, Web, "12", () => { }).Should().BeTrue("a forgotten object has no own writes");
    }
}
