using System.Text;
using Booster.Runtime.Execution.Wasi;

namespace Booster.Runtime.Tests.Execution.Wasi;

public class OutputCaptureTests
{
    [Fact]
    public void KeepsEverythingUnderTheCap()
    {
        using var capture = new OutputCapture(100);
        capture.Write("hello "u8);
        capture.Write("world"u8);

        capture.ToText().Should().Be("hello world");
        capture.Truncated.Should().BeFalse();
    }

    [Fact]
    public void DropsWhatPassesTheCapAndSaysSo()
    {
        using var capture = new OutputCapture(10);
        capture.Write("0123456"u8);
        capture.Write("789abc"u8);
        capture.Write("more"u8);

        capture.ToText().Should().Be("0123456789");
        capture.Length.Should().Be(10);
        capture.Truncated.Should().BeTrue();
    }

    [Fact]
    public void AZeroCapKeepsNothing()
    {
        using var capture = new OutputCapture(0);
        capture.Write("x"u8);

        capture.ToText().Should().BeEmpty();
        capture.Truncated.Should().BeTrue();
    }

    [Fact]
    public void InvalidUtf8BecomesReplacementCharacters()
    {
        using var capture = new OutputCapture(100);
        capture.Write([0x61, 0xFF, 0x62]);

        capture.ToText().Should().Be("a\uFFFDb");
    }

    [Fact]
    public void GrowsAcrossManySmallWrites()
    {
        using var capture = new OutputCapture(1 << 20);
        for (var i = 0; i < 10_000; i++) capture.Write("0123456789"u8);

        capture.Length.Should().Be(100_000);
        capture.ToText().Should().Be(string.Concat(Enumerable.Repeat("0123456789", 10_000)));
    }
}
