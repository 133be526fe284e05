using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Booster.Runtime.Http;

/// <summary>
/// A JSON answer written in one piece with its <c>Content-Length</c>: serialized synchronously
/// into a buffer the thread keeps, then copied into the response. Clients and proxies learn the
/// length up front and read no chunk framing, and an answer costs one copy instead of the
/// framework's asynchronous serializer and its chunked encoding.
/// </summary>
internal sealed class JsonAnswer<T>(T value, JsonTypeInfo<T> type, int status) : IResult, IStatusCodeHttpResult
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>An answer past this size is flushed before the request ends, so the connection's backpressure applies.</summary>
    private const int FlushAtBytes = 16 * 1024;

    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        var buffer = SerializationBuffer.Rent(type.Options);
        try
        {
            JsonSerializer.Serialize(buffer.Writer, value, type);
            buffer.Writer.Flush();
            response.StatusCode = status;
            response.ContentType = ContentType;
            response.ContentLength = buffer.Bytes.WrittenCount;
            response.BodyWriter.Write(buffer.Bytes.WrittenSpan);
            // Kestrel flushes what is left when the request ends; only a large answer is pushed now.
            return buffer.Bytes.WrittenCount > FlushAtBytes ? response.BodyWriter.FlushAsync(context.RequestAborted).AsTask() : Task.CompletedTask;
        }
        finally
        {
            SerializationBuffer.Return(buffer);
        }
    }
}

/// <summary>
/// The buffer and writer a thread serializes answers with, reused from one answer to the next;
/// one that grew past <see cref="KeepBytes"/> (a long module list) is dropped rather than kept.
/// </summary>
internal sealed class SerializationBuffer
{
    private const int KeepBytes = 64 * 1024;

    [ThreadStatic] private static SerializationBuffer? _cached;

    private readonly JsonSerializerOptions _options;

    private SerializationBuffer(JsonSerializerOptions options)
    {
        _options = options;
        Writer = new Utf8JsonWriter(Bytes, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            SkipValidation = true, // the serializer writes well-formed JSON
        });
    }

    public ArrayBufferWriter<byte> Bytes { get; } = new(1024);

    public Utf8JsonWriter Writer { get; }

    /// <summary>The thread's buffer, empty, when it writes with the same options; a new one otherwise.</summary>
    public static SerializationBuffer Rent(JsonSerializerOptions options)
    {
        var cached = _cached;
        _cached = null; // taken: a nested answer on this thread gets its own
        return cached is not null && ReferenceEquals(cached._options, options) ? cached : new SerializationBuffer(options);
    }

    public static void Return(SerializationBuffer buffer)
    {
        if (buffer.Bytes.Capacity > KeepBytes) return;
        buffer.Bytes.ResetWrittenCount();
        buffer.Writer.Reset(buffer.Bytes);
        _cached = buffer;
    }
}
