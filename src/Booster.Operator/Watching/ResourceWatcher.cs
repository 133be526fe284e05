using System.Diagnostics;
using System.Net;
using Booster.Operator.Queue;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Watching;

/// <summary>
/// Keeps an <see cref="ObjectCache{T}"/> in step with the API server: a full list, then a
/// watch from the list's resourceVersion. Bookmarks move the resourceVersion on without an
/// object; a watch that ends (server timeout, dropped connection) resumes from the last
/// resourceVersion; 410 Gone (the version was compacted away) means events were lost, so it
/// lists again and reports what changed meanwhile. A kind the server does not serve (404) counts
/// as empty and is listed again later. Errors back off exponentially and never
/// end the loop: only cancellation does.
/// </summary>
internal sealed class ResourceWatcher<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>A watch that ends sooner than this without any event counts as a failure for backoff.</summary>
    private static readonly TimeSpan ShortestHealthyWatch = TimeSpan.FromSeconds(1);

    private readonly ListWatch<T> _source;
    private readonly Action<WatchChange, T> _onChange;
    private readonly ExponentialBackoff _backoff;
    private readonly ILogger _logger;
    private readonly Action<string>? _onRestart;
    private readonly Random _jitter = new();

    public ResourceWatcher(ListWatch<T> source, ObjectCache<T> cache, Action<WatchChange, T> onChange,
        ExponentialBackoff backoff, ILogger logger, Action<string>? onRestart = null)
    {
        _source = source;
        Cache = cache;
        _onChange = onChange;
        _backoff = backoff;
        _logger = logger;
        _onRestart = onRestart;
    }

    public ObjectCache<T> Cache { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await RelistAsync(cancellationToken).ConfigureAwait(false);
                var (next, gone, healthy) = await WatchOnceAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = gone ? null : next;
                failures = healthy ? 0 : failures + 1;
                if (gone) Restarted("gone");
                else if (!healthy) Restarted("closed");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                _logger.LogInformation("Watch of {Resource}: resourceVersion {Version} expired (410); listing again", _source.Resource, resourceVersion);
                resourceVersion = null;
                Restarted("gone");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The kind is not served (a custom resource whose CRD is not installed): none of
                // it exists, which is a loaded cache; look again later with backoff.
                foreach (var obj in Cache.MarkAbsent()) _onChange(WatchChange.Deleted, obj);
                if (failures++ == 0) _logger.LogWarning("{Resource} is not served by the API server (404); treated as empty until it is", _source.Resource);
                resourceVersion = null;
                Restarted("absent");
            }
            catch (Exception e)
            {
                failures++;
                _logger.LogWarning(e, "Watch of {Resource} failed ({Failures} in a row); retrying", _source.Resource, failures);
                Restarted("error");
            }

            if (failures > 0)
            {
                try
                {
                    await Task.Delay(_backoff.DelayWithJitter(failures, _jitter), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Restarted(string reason) => _onRestart?.Invoke(reason);

    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await _source.List(cancellationToken).ConfigureAwait(false);
        var gone = Cache.Replace(items);
        // Everything listed is reported: whatever changed while no watch was open is among it.
        foreach (var obj in gone) _onChange(WatchChange.Deleted, obj);
        foreach (var obj in items) _onChange(WatchChange.Upserted, obj);
        Cache.Observe(resourceVersion);
        _logger.LogDebug("Listed {Count} {Resource} at resourceVersion {Version}", items.Count, _source.Resource, resourceVersion);
        return resourceVersion;
    }

    /// <summary>One watch stream, until it ends. Returns the last resourceVersion seen and whether it ended in 410.</summary>
    private async Task<(string ResourceVersion, bool Gone, bool Healthy)> WatchOnceAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var gone = false;
        var events = 0;
        var started = Stopwatch.StartNew();
        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }) gone = true;
            else _logger.LogWarning(e, "Watch of {Resource}: an event could not be read; skipped", _source.Resource);
        }

        await foreach (var (type, obj) in _source.Watch(resourceVersion, OnError, cancellationToken).ConfigureAwait(false))
        {
            events++;
            if (obj?.Metadata?.ResourceVersion is { } version) resourceVersion = version;
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Cache.Upsert(obj!);
                    _onChange(WatchChange.Upserted, obj!);
                    break;
                case WatchEventType.Deleted:
                    Cache.Remove(obj!);
                    _onChange(WatchChange.Deleted, obj!);
                    break;
            }
            Cache.Observe(resourceVersion);
            if (gone) break;
        }
        return (resourceVersion, gone, events > 0 || started.Elapsed >= ShortestHealthyWatch);
    }
}
