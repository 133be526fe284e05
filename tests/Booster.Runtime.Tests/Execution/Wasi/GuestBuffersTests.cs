using Booster.Runtime.Execution.Wasi;

namespace Booster.Runtime.Tests.Execution.Wasi;

public class GuestBuffersTests
{
    private const ulong Memory = 65536;

    [Fact]
    public void MoreIovecsThanTheCapAreInvalid()
    {
        GuestBuffers.CheckArray(1 << 20, 0, WasiAbi.MaxIovecs, 100).Should().Be(Errno.Success);
        GuestBuffers.CheckArray(1 << 20, 0, WasiAbi.MaxIovecs + 1, 100).Should().Be(Errno.Invalid);
        GuestBuffers.CheckArray(1 << 20, 0, uint.MaxValue, 100).Should().Be(Errno.Invalid);
    }

    [Theory]
    [InlineData(65528u, 1u, 0u, 0)]
    [InlineData(65529u, 1u, 0u, 21)]
    [InlineData(0u, 1u, 65532u, 0)]
    [InlineData(0u, 1u, 65533u, 21)]
    [InlineData(uint.MaxValue, 2u, 0u, 21)]
    public void TheArrayAndTheResultMustLieInMemory(uint array, uint count, uint result, int expected) =>
        GuestBuffers.CheckArray(Memory, array, count, result).Should().Be((Errno)expected);

    [Fact]
    public void DecodeReadsLittleEndianPairs()
    {
        byte[] bytes = [1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80];

        GuestBuffers.Decode(bytes).Should().Equal(new GuestBuffer(1, 2), new GuestBuffer(uint.MaxValue, 0x80000000));
    }

    [Fact]
    public void BuffersOfTwoGibibytesAndMoreAreValidWhenMemoryHoldsThem()
    {
        const ulong fourGiB = 1UL << 32;
        GuestBuffers.CheckBuffers([new GuestBuffer(0, 0x80000000), new GuestBuffer(16, uint.MaxValue - 16)], fourGiB).Should().Be(Errno.Success);
        GuestBuffers.CheckBuffers([new GuestBuffer(0, 0x80000000)], 0x7fffffff).Should().Be(Errno.Fault);
    }

    [Fact]
    public void AnyBufferOutsideMemoryIsAFaultEvenAfterGoodOnes() =>
        GuestBuffers.CheckBuffers([new GuestBuffer(0, 10), new GuestBuffer(65530, 7)], Memory).Should().Be(Errno.Fault);

    [Fact]
    public void TheFirstNonEmptyBufferMovesUpToWhatIsAvailable()
    {
        GuestBuffer[] buffers = [new(100, 0), new(200, 8), new(300, 4)];

        GuestBuffers.Choose(buffers, ulong.MaxValue).Should().Be((new GuestBuffer(200, 8), 8u));
        GuestBuffers.Choose(buffers, 3).Should().Be((new GuestBuffer(200, 8), 3u));
        GuestBuffers.Choose(buffers, 0).Should().BeNull();
        GuestBuffers.Choose([new GuestBuffer(1, 0)], 10).Should().BeNull();
        GuestBuffers.Choose([new GuestBuffer(0, uint.MaxValue)], ulong.MaxValue).Should().Be((new GuestBuffer(0, uint.MaxValue), uint.MaxValue));
    }
}
