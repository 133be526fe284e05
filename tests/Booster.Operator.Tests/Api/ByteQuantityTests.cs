using Booster.Operator.Api;
using k8s;

namespace Booster.Operator.Tests.Api;

public class ByteQuantityTests
{
    private sealed class Holder
    {
        [System.Text.Json.Serialization.JsonPropertyName("size")]
        public ByteQuantity? Size { get; set; }
    }

    [Theory]
    [InlineData("""{"size":65536}""", "65536", 65536UL)]
    [InlineData("""{"size":"64Ki"}""", "64Ki", 65536UL)]
    [InlineData("""{"size":"2Gi"}""", "2Gi", 2147483648UL)]
    public void ReadsIntegersAndSizeStrings(string json, string text, ulong bytes)
    {
        var size = KubernetesJson.Deserialize<Holder>(json).Size!;

        size.Text.Should().Be(text);
        size.Bytes.Should().Be(bytes);
    }

    [Theory]
    [InlineData("""{"size":1.5}""", "1.5")]
    [InlineData("""{"size":-1}""", "-1")]
    [InlineData("""{"size":"12Ti"}""", "12Ti")]
    public void KeepsABadValueAsWrittenSoValidationCanQuoteIt(string json, string text)
    {
        var size = KubernetesJson.Deserialize<Holder>(json).Size!;

        size.Text.Should().Be(text);
        size.TryGetBytes(out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"size":65536}""")]
    [InlineData("""{"size":"64Ki"}""")]
    public void WritesBackTheFormItRead(string json) =>
        KubernetesJson.Serialize(KubernetesJson.Deserialize<Holder>(json)).Should().Be(json);

    [Fact]
    public void RejectsAValueThatIsNeitherNumberNorString()
    {
        var read = () => KubernetesJson.Deserialize<Holder>("""{"size":true}""");

        read.Should().Throw<System.Text.Json.JsonException>();
    }
}
