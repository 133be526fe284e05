using System.Buffers;

namespace Booster.Runtime.Modules;

/// <summary>
/// A file's bytes in a buffer borrowed from the shared pool. Module files and cache entries are
/// megabytes each, read hundreds at a time at start-up: fresh arrays would each be zeroed and
/// faulted in, reused ones are resident already. Return it (dispose) once the bytes are used.
/// </summary>
internal sealed class PooledBytes : IDisposable
{
    private byte[]? _array;

    private PooledBytes(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => (_array ?? throw new ObjectDisposedException(nameof(PooledBytes))).AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PooledBytes))).AsMemory(0, Length);

    /// <summary>Reads the whole file (as long as it was when opened).</summary>
    public static PooledBytes ReadFile(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength) throw new IOException($"{path} is too large ({length} bytes)");
        var array = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, array.AsSpan(read, (int)length - read), read);
                if (n == 0) break; // shortened meanwhile: the watcher sees the new stamp
                read += n;
            }
            return new PooledBytes(array, read);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array) ArrayPool<byte>.Shared.Return(array);
    }
}
