using System.Buffers;
using System.Text.Json;
using Booster.Contract;
using Npgsql;

namespace Booster.Runtime.DataImports;

/// <summary>
/// PostgreSQL through an Npgsql data source (its own pool of BOOSTER_PG_POOL_MAX connections).
/// Each call takes a connection and gives it back when it ends, however it ends: a call
/// cancelled at its execution's deadline returns its connection once the server has answered
/// the cancellation.
/// </summary>
internal sealed class PostgresBackend : IDataBackend, IDisposable
{
    private readonly NpgsqlDataSource _source;

    public DataEndpoint Endpoint { get; }
    public int PoolMax { get; }
    public BackendHealth Health { get; }

    public PostgresBackend(DataEndpoint endpoint, int poolMax, int statementTimeoutMs)
    {
        Endpoint = endpoint;
        PoolMax = poolMax;
        Health = new BackendHealth("PostgreSQL", endpoint.Describe(), endpoint.Password);
        _source = NpgsqlDataSource.Create(PostgresConnectionString.For(endpoint, poolMax, statementTimeoutMs));
    }

    /// <summary>Runs a statement; the rows it affected (0 when the server does not say).</summary>
    public async Task<long> ExecuteAsync(string sql, CancellationToken deadline)
    {
        await using var connection = await _source.OpenConnectionAsync(deadline).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Math.Max(0, await command.ExecuteNonQueryAsync(deadline).ConfigureAwait(false));
    }

    /// <summary>
    /// Runs a query and writes its rows (of every result set) as a JSON array of objects, or
    /// returns null as soon as the JSON would exceed <paramref name="limit"/> bytes.
    /// </summary>
    public async Task<byte[]?> QueryJsonAsync(string sql, int limit, CancellationToken deadline)
    {
        await using var connection = await _source.OpenConnectionAsync(deadline).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(deadline).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(Math.Clamp(limit, 2, 64 * 1024));
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            do
            {
                var columns = LastOfEachName(reader);
                while (await reader.ReadAsync(deadline).ConfigureAwait(false))
                {
                    writer.WriteStartObject();
                    foreach (var i in columns)
                    {
                        writer.WritePropertyName(reader.GetName(i));
                        WriteColumn(writer, reader, i);
                    }
                    writer.WriteEndObject();
                    // Stop reading once the guest's buffer is known to be too small.
                    if (writer.BytesPending + writer.BytesCommitted + 1 > limit) return null;
                }
            } while (await reader.NextResultAsync(deadline).ConfigureAwait(false));
            writer.WriteEndArray();
        }
        return buffer.WrittenCount > limit ? null : buffer.WrittenSpan.ToArray();
    }

    /// <summary>Column indexes to write: a name that occurs twice keeps its last value, as in a map.</summary>
    private static List<int> LastOfEachName(NpgsqlDataReader reader)
    {
        var columns = new List<int>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            var later = false;
            for (var j = i + 1; j < reader.FieldCount && !later; j++) later = reader.GetName(j) == name;
            if (!later) columns.Add(i);
        }
        return columns;
    }

    private static void WriteColumn(Utf8JsonWriter writer, NpgsqlDataReader reader, int i)
    {
        try
        {
            if (reader.IsDBNull(i)) writer.WriteNullValue();
            else switch (reader.GetDataTypeName(i))
            {
                case "json" or "jsonb": writer.WriteRawValue(reader.GetFieldValue<string>(i)); break;
                case "date": JsonValues.Write(writer, reader.GetFieldValue<DateOnly>(i)); break;
                case "time without time zone": JsonValues.Write(writer, reader.GetFieldValue<TimeOnly>(i)); break;
                case "numeric": JsonValues.Write(writer, Numeric(reader, i)); break;
                default: JsonValues.Write(writer, reader.GetValue(i)); break;
            }
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or NotSupportedException or ArgumentException or JsonException)
        {
            // A value this host cannot decode: null, as the original did.
            writer.WriteNullValue();
        }
    }

    private static object Numeric(NpgsqlDataReader reader, int i)
    {
        try
        {
            return reader.GetDecimal(i);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            return reader.GetDouble(i); // beyond decimal's range, or NaN
        }
    }

    public bool IsUnavailable(Exception exception) => Unavailable(exception);

    private static bool Unavailable(Exception exception) => exception switch
    {
        AggregateException { InnerException: { } inner } => Unavailable(inner),
        // 08 connection, 28 authorization, 3D no such database, 53 resources (too many connections), 57P shutdown.
        PostgresException p => p.SqlState[..2] is "08" or "28" or "3D" or "53" || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>After a connection failure, pooled idle connections are likely dead too (a restarted server).</summary>
    public void OnUnavailable() => _source.Clear();

    public void Dispose() => _source.Dispose();
}
