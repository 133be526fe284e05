using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Booster.Runtime.Modules.Cache;

/// <summary>
/// The bytes of one cache file: the payload, Wasmtime's serialized module, exactly as Wasmtime
/// wrote it, then a trailer (magic, format, the key it was written for, the payload's length and
/// checksum). The payload comes first so that Wasmtime can map the file itself
/// (<c>Module.DeserializeFile</c>: no copy of the code, pages shared with the page cache; it
/// ignores the bytes after its own). Deserializing bytes that are not exactly what this runtime
/// serialized is unsafe, so an entry is used only when every part of the trailer checks out
/// against the key asked for and the payload. The checksum is XxHash128: the folder is the
/// runtime's own, so it guards against damage, not against an adversary, and a cryptographic
/// hash cost ten times as much on every restart.
/// </summary>
internal static class CacheEntry
{
    private static ReadOnlySpan<byte> Magic => "BSTRCODE"u8;
    private const int Format = 2;
    private const int KeyLength = 32, DigestLength = 16;
    private const int KeyAt = 12, LengthAt = KeyAt + KeyLength, DigestAt = LengthAt + 8;
    public const int TrailerLength = DigestAt + DigestLength;

    /// <summary>Bytes hashed at a time when an entry is checked from its file.</summary>
    private const int ChunkLength = 1 << 20;

    /// <summary>The trailer of the entry for <paramref name="payload"/>; it follows the payload in the file.</summary>
    public static byte[] Trailer(CacheKey key, ReadOnlySpan<byte> payload)
    {
        var trailer = new byte[TrailerLength];
        var span = trailer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Format);
        key.ToBytes().CopyTo(span[KeyAt..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[LengthAt..], payload.Length);
        XxHash128.Hash(payload, span[DigestAt..]);
        return trailer;
    }

    /// <summary>Null when the entry in memory checks out against <paramref name="key"/> (its payload is all but the last <see cref="TrailerLength"/> bytes); otherwise what is wrong.</summary>
    public static string? Check(CacheKey key, ReadOnlySpan<byte> entry)
    {
        if (entry.Length < TrailerLength) return "shorter than its trailer";
        var trailer = entry[^TrailerLength..];
        return CheckTrailer(key, trailer, entry.Length) ?? CheckDigest(trailer, XxHash128.Hash(entry[..^TrailerLength]));
    }

    /// <summary>As <see cref="Check(CacheKey, ReadOnlySpan{byte})"/>, reading the file once, a chunk at a time.</summary>
    public static string? Check(CacheKey key, SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        if (length < TrailerLength) return "shorter than its trailer";
        Span<byte> trailer = stackalloc byte[TrailerLength];
        if (RandomAccess.Read(file, trailer, length - TrailerLength) != TrailerLength) return "shorter than its trailer";
        if (CheckTrailer(key, trailer, length) is { } problem) return problem;

        var hash = new XxHash128();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkLength);
        try
        {
            var payloadLength = length - TrailerLength;
            for (long at = 0; at < payloadLength;)
            {
                var read = RandomAccess.Read(file, chunk.AsSpan(0, (int)Math.Min(ChunkLength, payloadLength - at)), at);
                if (read == 0) return "truncated or extended";
                hash.Append(chunk.AsSpan(0, read));
                at += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return CheckDigest(trailer, hash.GetCurrentHash());
    }

    private static string? CheckTrailer(CacheKey key, ReadOnlySpan<byte> trailer, long entryLength) => trailer switch
    {
        _ when !trailer[..8].SequenceEqual(Magic) => "not a cache entry",
        _ when BinaryPrimitives.ReadInt32LittleEndian(trailer[8..]) != Format => "another entry format",
        _ when !trailer.Slice(KeyAt, KeyLength).SequenceEqual(key.ToBytes()) => "written for another key",
        _ when BinaryPrimitives.ReadInt64LittleEndian(trailer[LengthAt..]) != entryLength - TrailerLength => "truncated or extended",
        _ => null,
    };

    private static string? CheckDigest(ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> digest) =>
        digest.SequenceEqual(trailer.Slice(DigestAt, DigestLength)) ? null : "checksum mismatch";
}
