using Booster.Contract;
using Booster.Runtime.Modules.Cache;

namespace Booster.Runtime.Tests.Loading;

public class CacheEntryTests
{
    private static readonly CacheKey Key = CacheKey.For(new string('a', 64), isText: false, "engine");
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];

    [Fact]
    public void AnEntryChecksOutForItsOwnKeyAndHoldsItsPayload()
    {
        var entry = Entry(Key, Payload);

        CacheEntry.Check(Key, entry).Should().BeNull();
        entry[CacheEntry.HeaderLength..].Should().Equal(Payload);
    }

    [Theory]
    [InlineData("payload byte flipped", "checksum mismatch")]
    [InlineData("checksum byte flipped", "checksum mismatch")]
    [InlineData("truncated", "truncated or extended")]
    [InlineData("extended", "truncated or extended")]
    [InlineData("header only half there", "shorter than its header")]
    [InlineData("magic changed", "not a cache entry")]
    [InlineData("format changed", "another entry format")]
    public void AnEntryThatDoesNotCheckOutIsRefusedWithWhatIsWrong(string damage, string expected)
    {
        var entry = Entry(Key, Payload);
        entry = damage switch
        {
            "payload byte flipped" => Flip(entry, CacheEntry.HeaderLength + 500),
            "checksum byte flipped" => Flip(entry, CacheEntry.HeaderLength - 1),
            "truncated" => entry[..^1],
            "extended" => [.. entry, 0],
            "header only half there" => entry[..(CacheEntry.HeaderLength / 2)],
            "magic changed" => Flip(entry, 0),
            "format changed" => Flip(entry, 8),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        CacheEntry.Check(Key, entry).Should().Be(expected);
    }

    [Fact]
    public void AnEntryWrittenForAnotherKeyIsRefused()
    {
        var entry = Entry(Key, Payload);
        var other = CacheKey.For(new string('b', 64), isText: false, "engine");

        CacheEntry.Check(other, entry).Should().Be("written for another key");
    }

    [Fact]
    public void TheKeyChangesWithTheModuleItsFormAndEveryEngineSettingThatShapesCode()
    {
        var sha = new string('c', 64);
        var tuned = CacheKey.EngineFingerprint("50.0.1", WasmtimeMemorySettings.Tuned);
        var keys = new[]
        {
            CacheKey.For(sha, false, tuned),
            CacheKey.For(new string('d', 64), false, tuned),
            CacheKey.For(sha, true, tuned),
            CacheKey.For(sha, false, CacheKey.EngineFingerprint("51.0.0", WasmtimeMemorySettings.Tuned)),
            CacheKey.For(sha, false, CacheKey.EngineFingerprint("50.0.1", WasmtimeMemorySettings.Resolve(false, null, null, null))),
            CacheKey.For(sha, false, CacheKey.EngineFingerprint("50.0.1", WasmtimeMemorySettings.Resolve(true, 131072, null, null))),
            CacheKey.For(sha, false, CacheKey.EngineFingerprint("50.0.1", WasmtimeMemorySettings.Resolve(true, null, 1 << 20, null))),
            CacheKey.For(sha, false, CacheKey.EngineFingerprint("50.0.1", WasmtimeMemorySettings.Resolve(true, null, null, 0))),
        };

        keys.Distinct().Should().HaveCount(keys.Length);
        CacheKey.For(sha, false, tuned).Should().Be(keys[0]);
    }

    /// <summary>An entry as the cache writes it: the header, then the payload.</summary>
    private static byte[] Entry(CacheKey key, byte[] payload) => [.. CacheEntry.Header(key, payload), .. payload];

    private static byte[] Flip(byte[] entry, int index)
    {
        var copy = entry.ToArray();
        copy[index] ^= 0xff;
        return copy;
    }
}
