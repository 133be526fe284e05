using System.Text.Json.Nodes;
using Booster.Operator.Reconciliation;

namespace Booster.Operator.Tests.Reconciliation;

public class OverlayTests
{
    private static string Apply(string actual, string desired) =>
        Overlay.Apply(JsonNode.Parse(actual)!.AsObject(), JsonNode.Parse(desired)!.AsObject()).ToJsonString();

    [Fact]
    public void DesiredFieldsWinAndOthersStay() =>
        Apply("""{"metadata":{"resourceVersion":"9"},"spec":{"clusterIP":"10.0.0.1","port":1}}""", """{"spec":{"port":2}}""")
            .Should().Be("""{"metadata":{"resourceVersion":"9"},"spec":{"clusterIP":"10.0.0.1","port":2}}""");

    [Fact]
    public void ListsOfTheSameLengthMergeByElement() =>
        Apply("""{"c":[{"name":"a","image":"x","imagePullPolicy":"Always"}]}""", """{"c":[{"name":"a","image":"y"}]}""")
            .Should().Be("""{"c":[{"name":"a","image":"y","imagePullPolicy":"Always"}]}""");

    [Fact]
    public void ListsOfAnotherLengthAreReplaced() =>
        Apply("""{"env":[{"name":"a"},{"name":"extra"}]}""", """{"env":[{"name":"a"}]}""")
            .Should().Be("""{"env":[{"name":"a"}]}""");

    [Fact]
    public void TheResultNoLongerDrifts()
    {
        var actual = JsonNode.Parse("""{"spec":{"replicas":9,"template":{"env":[{"name":"A","value":"x"}]}}}""")!.AsObject();
        var desired = JsonNode.Parse("""{"spec":{"replicas":2,"template":{"env":[{"name":"A","value":"1"}]}}}""")!.AsObject();

        Drift.Find(desired, Overlay.Apply(actual, desired)).Should().BeEmpty();
    }
}
