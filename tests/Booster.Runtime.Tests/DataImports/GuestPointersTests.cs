using Booster.Runtime.DataImports;
using Booster.Runtime.Execution.Native;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.DataImports;

/// <summary>
/// The checks every data import makes on a guest's i32 pointers and lengths, on a real guest
/// memory of one page holding "key" and an invalid UTF-8 byte.
/// </summary>
public sealed class GuestPointersTests
{
    private const int Page = 65536;

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, Page, true)]
    [InlineData(Page, 0, true)]
    [InlineData(Page - 1, 1, true)]
    [InlineData(Page - 1, 2, false)]
    [InlineData(Page, 1, false)]
    [InlineData(-1, 1, false)]
    [InlineData(0, -1, false)]
    [InlineData(int.MaxValue, int.MaxValue, false)]
    public void ARangeIsInMemoryOnlyWhenItFitsAndNeitherNumberIsNegative(int pointer, int length, bool inRange) =>
        Assert.Equal(inRange, Probe(memory => GuestPointers.InRange(memory, pointer, length)));

    [Fact]
    public void TextIsReadAsUtf8AndBytesAreCopied()
    {
        var (text, bytes) = Probe(memory => (GuestPointers.ReadUtf8(memory, 0, 3), GuestPointers.ReadBytes(memory, 1, 2)));

        Assert.Equal("key", text);
        Assert.Equal("ey"u8.ToArray(), bytes);
    }

    [Fact]
    public void TextThatIsNotUtf8OrOutOfRangeIsNull()
    {
        Assert.Null(Probe(memory => GuestPointers.ReadUtf8(memory, 3, 1)));
        Assert.Null(Probe(memory => GuestPointers.ReadUtf8(memory, Page - 1, 2)));
        Assert.Null(Probe(memory => GuestPointers.ReadBytes(memory, -1, 2)));
    }

    [Fact]
    public void WrittenBytesAreWhereTheGuestReadsThem()
    {
        var readBack = Probe(memory =>
        {
            GuestPointers.Write(memory, Page - 2, "ok"u8);
            return GuestPointers.ReadUtf8(memory, Page - 2, 2);
        });

        Assert.Equal("ok", readBack);
    }

    [Fact]
    public void AGuestWithoutMemoryHasNoRangeAtAll()
    {
        GuestMemory? none = null;
        HostCall.Run(HostCall.WithoutMemory, caller => none = GuestMemory.Open(caller));

        Assert.Null(none);
        Assert.False(GuestPointers.InRange(none, 0, 0));
        Assert.Null(GuestPointers.ReadBytes(none, 0, 0));
    }

    private static T Probe<T>(Func<GuestMemory?, T> read)
    {
        T result = default!;
        HostCall.Run(HostCall.WithMemory("key\\ff"), caller => result = read(GuestMemory.Open(caller)));
        return result;
    }
}
