using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// The bytes of one cache file: a header (magic, format, the key it was written for, the
/// payload's length and SHA-256) and the payload, Wasmtime's serialized module. Deserializing
/// bytes that are not exactly what this runtime serialized is unsafe, so an entry is used only
/// when every part of the header checks out against the key asked for and the payload.
/// </summary>
internal static class CacheEntry
{
    private static ReadOnlySpan<byte> Magic => "BSTRCODE"u8;
    private const int Format = 1;
    private const int KeyLength = 32, DigestLength = 32;
    public const int HeaderLength = 8 + 4 + KeyLength + 8 + DigestLength;

    /// <summary>The header of the entry for <paramref name="payload"/>; the payload follows it in the file.</summary>
    public static byte[] Header(CacheKey key, ReadOnlySpan<byte> payload)
    {
        var header = new byte[HeaderLength];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Format);
        key.ToBytes().CopyTo(span[12..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[(12 + KeyLength)..], payload.Length);
        SHA256.HashData(payload, span[(20 + KeyLength)..]);
        return header;
    }

    /// <summary>Null when the entry checks out against <paramref name="key"/> (its payload starts at <see cref="HeaderLength"/>); otherwise what is wrong.</summary>
    public static string? Check(CacheKey key, ReadOnlySpan<byte> entry) => entry switch
    {
        _ when entry.Length < HeaderLength => "shorter than its header",
        _ when !entry[..8].SequenceEqual(Magic) => "not a cache entry",
        _ when BinaryPrimitives.ReadInt32LittleEndian(entry[8..]) != Format => "another entry format",
        _ when !entry.Slice(12, KeyLength).SequenceEqual(key.ToBytes()) => "written for another key",
        _ when BinaryPrimitives.ReadInt64LittleEndian(entry[(12 + KeyLength)..]) != entry.Length - HeaderLength => "truncated or extended",
        _ when !ChecksumMatches(entry) => "checksum mismatch",
        _ => null,
    };

    private static bool ChecksumMatches(ReadOnlySpan<byte> entry)
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        SHA256.HashData(entry[HeaderLength..], digest);
        return digest.SequenceEqual(entry.Slice(20 + KeyLength, DigestLength));
    }
}
