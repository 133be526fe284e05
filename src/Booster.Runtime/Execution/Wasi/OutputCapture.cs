using System.Buffers;
using System.Text;

namespace Booster.Runtime.Execution.Wasi;

/// <summary>
/// Collects what a guest writes to stdout or stderr, up to a byte cap. Bytes past the cap
/// are dropped (the guest still sees its writes succeed) and <see cref="Truncated"/> is set,
/// so a guest that floods its output cannot grow the server's memory.
/// </summary>
internal sealed class OutputCapture(long maxBytes) : IDisposable
{
    private byte[] _buffer = [];
    private int _length;

    public bool Truncated { get; private set; }

    public int Length => _length;

    /// <summary>Called by Wasmtime for each chunk; never throws (that would close the guest's stream).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var room = (int)Math.Min(maxBytes - _length, int.MaxValue);
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..Math.Max(room, 0)];
        }
        if (data.IsEmpty) return;

        EnsureCapacity(_length + data.Length);
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>The captured bytes as UTF-8 text; invalid sequences become U+FFFD.</summary>
    public string ToText() => Encoding.UTF8.GetString(_buffer, 0, _length);

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length) return;
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(needed, Math.Max(_buffer.Length * 2, 4096)), maxBytes));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
