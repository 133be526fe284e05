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

    public PostgresBackend(DataEndpoint endpoint, int poolMax, int longestExecutionMs)
    {
        Endpoint = endpoint;
        PoolMax = poolMax;
        Health = new BackendHealth("PostgreSQL", endpoint.Describe(), endpoint.Password);
        _source = NpgsqlDataSource.Create(PostgresConnectionString.For(endpoint, poolMax, longestExecutionMs));
    }

    /// <summary>
    /// Runs SQL; the row count of its command tag (<c>SELECT 3</c>, <c>INSERT 0 2</c>,
    /// <c>FETCH 5</c> — whatever the statement's kind, as tokio-postgres reads it), summed over
    /// the statements; 0 for a tag without a count and for an empty statement.
    /// </summary>
    public async Task<long> ExecuteAsync(string sql, CancellationToken deadline)
    {
        await using var connection = await _source.OpenConnectionAsync(deadline).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(sql)) return 0; // the server answers an empty query with no tag
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(deadline).ConfigureAwait(false);
        while (await reader.NextResultAsync(deadline).ConfigureAwait(false)) { }
        ulong rows = 0;
        // Each statement's own count (RecordsAffected leaves out SELECT and FETCH). Obsolete in favour of
        // NpgsqlBatch, which cannot take SQL holding several statements, as a guest's may.
#pragma warning disable CS0618
        foreach (var statement in reader.Statements) rows += statement.Rows;
#pragma warning restore CS0618
        return (long)Math.Min(rows, long.MaxValue);
    }

    /// <summary>
    /// Runs a query and writes its rows (of every result set) as the original's JSON: an array
    /// of objects, each with its columns sorted by name. Returns null as soon as the JSON would
    /// exceed <paramref name="limit"/> bytes.
    /// </summary>
    public async Task<byte[]?> QueryJsonAsync(string sql, int limit, CancellationToken deadline)
    {
        await using var connection = await _source.OpenConnectionAsync(deadline).ConfigureAwait(false);
        var json = new SerdeJsonWriter();
        json.StartArray();
        if (!string.IsNullOrWhiteSpace(sql))
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(deadline).ConfigureAwait(false);
            do
            {
                var columns = Columns(reader);
                while (await reader.ReadAsync(deadline).ConfigureAwait(false))
                {
                    json.StartObject();
                    foreach (var (name, column) in columns)
                    {
                        json.PropertyName(name);
                        PostgresValueJson.Write(json, column.Oid, column.TypeName, Read(reader, column));
                    }
                    json.EndObject();
                    // Stop reading once the guest's buffer is known to be too small.
                    if (json.Length + 1 > limit) return null;
                }
            } while (await reader.NextResultAsync(deadline).ConfigureAwait(false));
        }
        json.EndArray();
        return json.Length > limit ? null : json.Written.ToArray();
    }

    private readonly record struct Column(int Index, uint Oid, string TypeName);

    /// <summary>
    /// The columns in the order the original writes them: sorted by name (its row is a
    /// BTreeMap), a name that occurs twice keeping its last column.
    /// </summary>
    private static SortedDictionary<string, Column> Columns(NpgsqlDataReader reader)
    {
        var columns = new SortedDictionary<string, Column>(CodePointOrder.Instance);
        for (var i = 0; i < reader.FieldCount; i++)
            columns[reader.GetName(i)] = new Column(i, reader.GetDataTypeOID(i), reader.GetPostgresType(i).Name);
        return columns;
    }

    private static object? Read(NpgsqlDataReader reader, Column column)
    {
        var i = column.Index;
        try
        {
            if (reader.IsDBNull(i)) return null;
            if (PostgresValueJson.IsText(column.Oid, column.TypeName)) return reader.GetFieldValue<string>(i);
            return column.TypeName switch
            {
                "date" => reader.GetFieldValue<DateOnly>(i),
                "time without time zone" => reader.GetFieldValue<TimeOnly>(i),
                "numeric" => Numeric(reader, i),
                _ => reader.GetValue(i),
            };
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or NotSupportedException or ArgumentException)
        {
            return null; // a value this host cannot decode: null, as the original writes what it cannot decode
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
