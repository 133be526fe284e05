using Booster.Contract;
using StackExchange.Redis;

namespace Booster.Runtime.DataImports;

/// <summary>
/// Redis through one StackExchange.Redis multiplexer (it pipelines every caller over one
/// connection and reconnects on its own). BOOSTER_REDIS_POOL_MAX bounds the commands in flight
/// at once; a caller waits for a permit no longer than its execution's deadline.
/// </summary>
internal sealed class RedisBackend : IDataBackend, IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly SemaphoreSlim _permits;

    public DataEndpoint Endpoint { get; }
    public int PoolMax { get; }
    public BackendHealth Health { get; }

    public RedisBackend(DataEndpoint endpoint, int poolMax)
    {
        Endpoint = endpoint;
        PoolMax = poolMax;
        _permits = new SemaphoreSlim(poolMax, poolMax);
        Health = new BackendHealth("Redis", endpoint.Describe(), endpoint.Password);
        // Never blocks start-up: calls wait for the first connection attempt, within their deadline.
        _connecting = ConnectionMultiplexer.ConnectAsync(RedisOptions.For(endpoint));
    }

    /// <summary>Runs one command with a permit; exceptions are the caller's to classify.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken deadline)
    {
        var multiplexer = await _connecting.WaitAsync(deadline).ConfigureAwait(false);
        await _permits.WaitAsync(deadline).ConfigureAwait(false);
        try
        {
            return await command(multiplexer.GetDatabase()).WaitAsync(deadline).ConfigureAwait(false);
        }
        finally
        {
            _permits.Release();
        }
    }

    public bool IsUnavailable(Exception exception) => Unwrap(exception) switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException => true,
        // A wrong password is the deployment's failure, not the guest's.
        RedisServerException e => e.Message.StartsWith("NOAUTH", StringComparison.Ordinal) || e.Message.StartsWith("WRONGPASS", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The multiplexer reconnects on its own.</summary>
    public void OnUnavailable() { }

    private static Exception Unwrap(Exception exception) => exception is AggregateException { InnerException: { } inner } ? inner : exception;

    public void Dispose()
    {
        if (_connecting.IsCompletedSuccessfully) _connecting.Result.Dispose();
        else _connecting.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default);
        // The permits are not disposed: a call abandoned at its deadline still releases its own.
    }
}
