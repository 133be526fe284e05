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
    public void ListsCompareByElementAndLength()
    {
        Find("""{"env":[{"name":"A","value":"1"}]}""", """{"env":[{"name":"A","value":"2"}]}""").Should().Equal("env[0].value");
        Find("""{"env":[{"name":"A","value":"1"}]}""", """{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}""").Should().Equal("env");
        Find("""{"c":[{"name":"A"}]}""", """{"c":[{"name":"A","terminationMessagePath":"/dev/termination-log"}]}""").Should().BeEmpty();
    }

    [Fact]
    public void AnEmptyDesiredMapMatchesAnAbsentOne() =>
        Find("""{"metadata":{"annotations":{}}}""", """{"metadata":{}}""").Should().BeEmpty();
}
