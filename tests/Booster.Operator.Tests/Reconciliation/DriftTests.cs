using System.Text.Json.Nodes;
using Booster.Operator.Reconciliation;

namespace Booster.Operator.Tests.Reconciliation;

public class DriftTests
{
    private static IReadOnlyList<string> Find(string desired, string actual) => Drift.Find(JsonNode.Parse(desired), JsonNode.Parse(actual));

    [Fact]
    public void FieldsOnlyTheClusterSetsAreNotDrift() =>
        Find("""{"spec":{"replicas":2}}""", """{"spec":{"replicas":2,"strategy":{"type":"RollingUpdate"}},"status":{"readyReplicas":1}}""").Should().BeEmpty();

    [Fact]
    public void AChangedValueIsDriftAtItsPath() =>
        Find("""{"spec":{"replicas":2}}""", """{"spec":{"replicas":7}}""").Should().Equal("spec.replicas");

    [Fact]
    public void AMissingFieldIsDrift() =>
        Find("""{"spec":{"replicas":2}}""", """{"spec":{}}""").Should().Equal("spec.replicas");

    [Fact]
    public void KeyedListsCompareItemByKeyAndItemsOthersAddAreNotDrift()
    {
        Find("""{"env":[{"name":"A","value":"1"}]}""", """{"env":[{"name":"A","value":"2"}]}""").Should().Equal("env[name=A].value");
        Find("""{"env":[{"name":"A","value":"1"}]}""", """{"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}""").Should().BeEmpty();
        Find("""{"env":[{"name":"A","value":"1"}]}""", """{"env":[{"name":"B","value":"2"}]}""").Should().Equal("env[name=A]");
        Find("""{"containers":[{"name":"A"}]}""", """{"containers":[{"name":"A","terminationMessagePath":"/dev/termination-log"}]}""").Should().BeEmpty();
    }

    [Fact]
    public void APortsProtocolDefaultsToTcpWhenMatchingItems() =>
        Find("""{"ports":[{"port":80}]}""", """{"ports":[{"port":80,"protocol":"TCP","targetPort":80}]}""").Should().BeEmpty();

    [Fact]
    public void OtherListsAreOneValue()
    {
        Find("""{"command":["a","b"]}""", """{"command":["a"]}""").Should().Equal("command");
        Find("""{"tolerations":[{"key":"a"}]}""", """{"tolerations":[{"key":"b"}]}""").Should().Equal("tolerations[0].key");
    }

    [Fact]
    public void AnEmptyDesiredMapMatchesAnAbsentOne() =>
        Find("""{"metadata":{"annotations":{}}}""", """{"metadata":{}}""").Should().BeEmpty();
}
