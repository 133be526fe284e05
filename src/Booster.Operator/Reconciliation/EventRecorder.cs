using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Records core/v1 Events on a BoosterRuntime, so <c>kubectl describe brt</c> tells what the
/// operator did. An event with the same type, reason and message as one recorded before for the
/// same object is aggregated as client-go does: the existing Event's <c>count</c> goes up and its
/// <c>lastTimestamp</c> moves, instead of a new Event each time. Best effort: a failed Event is
/// logged and never fails the reconcile.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, string instance, TimeProvider time, ILogger logger)
{
    public const string Component = "booster-operator";
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    /// <summary>Past this many distinct events remembered, the memory starts afresh (the next repeat creates a new Event).</summary>
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<(string? Uid, string Type, string Reason, string Message), (string Name, int Count)> _recorded = new();

    public async Task RecordAsync(BoosterRuntimeDocument runtime, string type, string reason, string message, CancellationToken cancellationToken)
    {
        // Kubernetes times carry whole seconds.
        var utc = time.GetUtcNow().UtcDateTime;
        var now = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        var ns = runtime.Metadata.NamespaceProperty ?? "default";
        var key = (runtime.Metadata.Uid, type, reason, message);
        try
        {
            if (_recorded.TryGetValue(key, out var earlier) && await IncrementAsync(earlier.Name, ns, earlier.Count + 1, now, cancellationToken).ConfigureAwait(false))
            {
                _recorded[key] = (earlier.Name, earlier.Count + 1);
                return;
            }
            var created = await client.CoreV1.CreateNamespacedEventAsync(NewEvent(runtime, ns, type, reason, message, now), ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (_recorded.Count >= MaxRemembered) _recorded.Clear();
            _recorded[key] = (created.Metadata.Name, 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record event {Reason} on {Namespace}/{Name}", reason, ns, runtime.Metadata.Name);
        }
    }

    /// <summary>Counts one more occurrence on an existing Event; false when it has expired meanwhile.</summary>
    private async Task<bool> IncrementAsync(string name, string ns, int count, DateTime now, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        try
        {
            await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private Corev1Event NewEvent(BoosterRuntimeDocument runtime, string ns, string type, string reason, string message, DateTime now) => new()
    {
        Metadata = new V1ObjectMeta
        {
            // The API server's own convention: the object's name and a unique suffix.
            Name = $"{runtime.Metadata.Name}.{Guid.NewGuid():N}"[..Math.Min(253, runtime.Metadata.Name.Length + 33)],
            NamespaceProperty = ns,
        },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = BoosterRuntime.GroupVersion,
            Kind = BoosterRuntime.KindName,
            Name = runtime.Metadata.Name,
            NamespaceProperty = ns,
            Uid = runtime.Metadata.Uid,
            ResourceVersion = runtime.Metadata.ResourceVersion,
        },
        Type = type,
        Reason = reason,
        Message = message,
        Source = new V1EventSource { Component = Component },
        ReportingComponent = Component,
        ReportingInstance = instance,
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };
}
