using System.Text.Json;
using Booster.Operator.Rendering;
using YamlDotNet.Core;

namespace Booster.Operator.Tests.Rendering;

public class YamlDocumentsTests
{
    private static JsonValueKind KindOf(string scalar) =>
        YamlDocuments.Parse($"v: {scalar}").Single()["v"]?.GetValueKind() ?? JsonValueKind.Null;

    [Theory]
    [InlineData("8", JsonValueKind.Number)]
    [InlineData("-3", JsonValueKind.Number)]
    [InlineData("1.5", JsonValueKind.Number)]
    [InlineData("64Ki", JsonValueKind.String)]
    [InlineData("'8'", JsonValueKind.String)]
    [InlineData("\"true\"", JsonValueKind.String)]
    [InlineData("!!str 8", JsonValueKind.String)]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("no", JsonValueKind.False)]
    [InlineData("off", JsonValueKind.False)]
    [InlineData("Yes", JsonValueKind.True)]
    [InlineData("~", JsonValueKind.Null)]
    [InlineData("null", JsonValueKind.Null)]
    [InlineData("", JsonValueKind.Null)]
    [InlineData("http://0.0.0.0:2678", JsonValueKind.String)]
    public void ResolvesPlainScalarsAsKubectlDoes(string scalar, JsonValueKind kind) => KindOf(scalar).Should().Be(kind);

    [Fact]
    public void ReadsEveryDocumentAndSkipsEmptyOnes()
    {
        var documents = YamlDocuments.Parse("---\na: 1\n---\n---\nb: [x, {c: d}]\n...\n");

        documents.Select(d => d.ToJsonString()).Should().Equal("""{"a":1}""", """{"b":["x",{"c":"d"}]}""");
    }

    [Fact]
    public void KeepsBlockTextExactly() =>
        ((string?)YamlDocuments.Parse("s: |\n  line one\n  line two\n").Single()["s"]).Should().Be("line one\nline two\n");

    [Fact]
    public void ReportsBrokenYamlWithItsLine()
    {
        var parse = () => YamlDocuments.Parse("a: 1\nb: [unclosed\n");

        parse.Should().Throw<YamlException>().Which.Start.Line.Should().BeGreaterThan(1);
    }
}
