using Booster.Contract;

namespace Booster.Contract.Tests;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("65536", 65536UL)]
    [InlineData("64Ki", 65536UL)]
    [InlineData("1Mi", 1048576UL)]
    [InlineData("2Gi", 2147483648UL)]
    [InlineData(" 8Mi ", 8388608UL)]
    public void ParsesPlainCountsAndBinarySuffixes(string text, ulong expected)
    {
        ByteSize.TryParse(text, out var bytes).Should().BeTrue();
        bytes.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5Mi")]
    [InlineData("1M")]
    [InlineData("1mi")]
    [InlineData("1 Mi")]
    [InlineData("0x10")]
    [InlineData("Mi")]
    [InlineData("99999999999999999999")]
    [InlineData("17179869184Gi")]
    public void RejectsAnythingElse(string text) => ByteSize.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(1000UL, "1000")]
    [InlineData(65536UL, "64Ki")]
    [InlineData(1048576UL, "1Mi")]
    [InlineData(268435456UL, "256Mi")]
    [InlineData(3221225472UL, "3Gi")]
    public void FormatsTheShortestExactText(ulong bytes, string expected)
    {
        ByteSize.Format(bytes).Should().Be(expected);
        ByteSize.TryParse(expected, out var back).Should().BeTrue();
        back.Should().Be(bytes);
    }
}
