using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Booster.Operator.Api;
using Booster.Operator.Queue;
using Booster.Operator.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// The controller for one leadership term: watches BoosterRuntimes and the objects they own into
/// caches, turns every change into the key of the BoosterRuntime concerned, and runs a bounded
/// number of workers over a deduplicating queue. Everything is created fresh per term and
/// stops when the token is cancelled (the lease was lost, or the process stops).
/// </summary>
internal sealed class Controller(IKubernetes client, OperatorOptions options, OperatorMetrics metrics, OperatorState state, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<Controller>();

    public async Task RunAsync(CancellationToken termToken)
    {
        // The loops stop together: when the term ends, and when one of them fails.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(termToken);
        var cancellationToken = stop.Token;
        using var queue = new WorkQueue<ObjectKey>(options.ReconcileBackoff);
        metrics.ObserveQueue(() => queue.Depth);
        var runtimes = new ObjectCache<BoosterRuntimeDocument>();
        var ownWrites = new OwnWrites();
        var owned = OwnedKind.All.Select(kind => new OwnedResource(client, kind, options.Namespace, options.WatchTimeout, ownWrites)).ToList();
        state.Observe(queue, [runtimes, .. owned.Select(r => r.Cache)]);
        var watcherLogger = loggers.CreateLogger("Booster.Operator.Watching");

        var seen = new ConcurrentDictionary<ObjectKey, ReconcileTriggers.RuntimeRevision>();
        var runtimeWatcher = new ResourceWatcher<BoosterRuntimeDocument>(
            ListWatches.BoosterRuntimes(client, options.Namespace, options.WatchTimeout), runtimes,
            (change, runtime) =>
            {
                var key = ObjectKey.Of(runtime);
                var now = ReconcileTriggers.RuntimeRevision.Of(runtime);
                ReconcileTriggers.RuntimeRevision? before = seen.TryGetValue(key, out var known) ? known : null;
                if (change == WatchChange.Deleted) seen.TryRemove(key, out _);
                else seen[key] = now;
                if (ReconcileTriggers.Runtime(change, before, now)) queue.Add(key);
            },
            options.WatchBackoff, watcherLogger, reason => metrics.WatchRestarted(BoosterRuntime.Plural, reason));
        var tasks = new List<Task> { runtimeWatcher.RunAsync(cancellationToken) };
        tasks.AddRange(owned.Select(resource => resource.WatchAsync(
            (change, obj) =>
            {
                if (OwnerKey(obj) is not { } key) return;
                var own = !ownWrites.IsForeign(resource.Kind.Kind, ObjectKey.Of(obj), obj.Metadata.ResourceVersion, () => queue.Add(key));
                if (ReconcileTriggers.Owned(change, own)) queue.Add(key);
            },
            options.WatchBackoff, watcherLogger, metrics.WatchRestarted, cancellationToken)));

        try
        {
            // Reconciling before every cache is loaded would create objects that already exist.
            while (!runtimes.Synced || !owned.All(r => r.Synced)) await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            state.CachesSynced = true;
            _logger.LogInformation("Caches loaded: {Count} BoosterRuntimes; reconciling with {Workers} workers", runtimes.List().Count, options.Workers);

            var events = new EventRecorder(client, options.Identity, TimeProvider.System, loggers.CreateLogger<EventRecorder>());
            var reconciler = new BoosterRuntimeReconciler(client, runtimes, owned, events, ownWrites, options.Desired, TimeProvider.System,
                loggers.CreateLogger<BoosterRuntimeReconciler>());
            tasks.AddRange(Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(queue, reconciler, runtimes, owned, cancellationToken)));
            tasks.Add(ResyncAsync(queue, runtimes, cancellationToken));
            // Every loop runs until the term ends; one that ends sooner has failed, and so has the term.
            var ended = await Task.WhenAny(tasks).ConfigureAwait(false);
            await ended.ConfigureAwait(false);
            termToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("a controller loop ended unexpectedly");
        }
        catch (OperationCanceledException) when (termToken.IsCancellationRequested)
        {
        }
        finally
        {
            state.CachesSynced = false;
            await stop.CancelAsync().ConfigureAwait(false);
            // Every loop ends on the same token; wait so that nothing outlives the term.
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, BoosterRuntimeReconciler reconciler,
        ObjectCache<BoosterRuntimeDocument> runtimes, IReadOnlyList<OwnedResource> owned, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            // Read before the reconcile, so the reconcile has seen at least these versions.
            var inputs = new ReconcileInputs(runtimes.Get(key)?.Metadata.ResourceVersion,
                owned.ToDictionary(r => r.Kind.Kind, r => r.CachedVersion(r.Kind.KeyFor(key))));
            try
            {
                var result = await reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
                // Waiting is checked again after a growing delay: what it waits for may send no event.
                if (result == ReconcileResult.Waiting) queue.AddRateLimited(key);
                else queue.Forget(key);
                metrics.Reconciled(OperatorMetrics.ResultLabel(result), Stopwatch.GetElapsedTime(started));
                state.Reconciles.Record(key, inputs, OperatorMetrics.ResultLabel(result));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var conflict = e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };
                metrics.Reconciled(conflict ? "conflict" : "error", Stopwatch.GetElapsedTime(started));
                state.Reconciles.Record(key, inputs, conflict ? "conflict" : "error");
                var delay = queue.AddRateLimited(key);
                if (conflict) _logger.LogInformation("{Key}: conflict (409) on a stale copy; retrying in {Delay}", key, delay);
                else _logger.LogWarning(e, "{Key}: reconcile failed; retrying in {Delay}", key, delay);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ResyncAsync(WorkQueue<ObjectKey> queue, ObjectCache<BoosterRuntimeDocument> runtimes, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ResyncPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            foreach (var runtime in runtimes.List()) queue.Add(ObjectKey.Of(runtime));
    }

    /// <summary>The BoosterRuntime that controls an owned object, if any.</summary>
    internal static ObjectKey? OwnerKey(IKubernetesObject<V1ObjectMeta> obj)
    {
        var owner = obj.Metadata.OwnerReferences?.FirstOrDefault(r =>
            r.Controller == true && r.Kind == BoosterRuntime.KindName && r.ApiVersion == BoosterRuntime.GroupVersion);
        return owner is null ? null : new ObjectKey(obj.Metadata.NamespaceProperty ?? "", owner.Name);
    }
}
