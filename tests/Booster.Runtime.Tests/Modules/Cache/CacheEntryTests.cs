using Booster.Contract;
using Booster.Runtime.Modules.Cache;

namespace Booster.Runtime.Tests.Modules.Cache;

public class CacheEntryTests
{
    private static readonly CacheKey Key = CacheKey.For(new string('a', 64), isText: false, "engine");
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];

    [Fact]
    public void AnEntryChecksOutForItsOwnKeyAndHoldsItsPayload()
    {
        var entry = Entry(Key, Payload);

        CacheEntry.Check(Key, entry).Should().BeNull();
        entry[..^CacheEntry.TrailerLength].Should().Equal(Payload, "the payload comes first, as Wasmtime maps it");
    }

    [Theory]
    [InlineData("payload byte flipped", "checksum mismatch")]
    [InlineData("checksum byte flipped", "checksum mismatch")]
    [InlineData("a payload byte lost", "truncated or extended")]
    [InlineData("a payload byte added", "truncated or extended")]
    [InlineData("cut short", "not a cache entry")]
    [InlineData("extended", "not a cache entry")]
    [InlineData("trailer only half there", "shorter than its trailer")]
    [InlineData("magic changed", "not a cache entry")]
    [InlineData("format changed", "another entry format")]
    public void AnEntryThatDoesNotCheckOutIsRefusedWithWhatIsWrong(string damage, string expected)
    {
        var entry = Entry(Key, Payload);
        entry = damage switch
        {
            "payload byte flipped" => Flip(entry, 500),
            "checksum byte flipped" => Flip(entry, entry.Length - 1),
            "a payload byte lost" => [.. entry[..10], .. entry[11..]],
            "a payload byte added" => [.. entry[..10], 0, .. entry[10..]],
            "cut short" => entry[..^1],
            "extended" => [.. entry, 0],
            "trailer only half there" => entry[^(CacheEntry.TrailerLength / 2)..],
            "magic changed" => Flip(entry, Payload.Length),
            "format changed" => Flip(entry, Payload.Length + 8),
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        CacheEntry.Check(Key, entry).Should().Be(expected);
        CheckFromFile(Key, entry).Should().Be(expected, "checking the file gives the same answer");
    }

    [Fact]
    public void AnEntryLargerThanOneChunkIsCheckedFromItsFile()
    {
        var payload = new byte[(3 << 20) + 12345];
        new Random(7).NextBytes(payload);
        var entry = Entry(Key, payload);

        CheckFromFile(Key, entry).Should().BeNull();
        CheckFromFile(Key, Flip(entry, (2 << 20) + 1)).Should().Be("checksum mismatch");
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

    /// <summary>An entry as the cache writes it: the payload, then the trailer.</summary>
    private static byte[] Entry(CacheKey key, byte[] payload) => [.. payload, .. CacheEntry.Trailer(key, payload)];

    private static string? CheckFromFile(CacheKey key, byte[] entry)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, entry);
            using var file = File.OpenHandle(path);
            return CacheEntry.Check(key, file);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Flip(byte[] entry, int index)
    {
        var copy = entry.ToArray();
        copy[index] ^= 0xff;
        return copy;
    }
}
