using Booster.Operator.Api;
using Booster.Operator.Watching;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// Records core/v1 Events on a BoosterRuntime, so <c>kubectl describe brt</c> tells what the
/// operator did. Best effort: a failed Event is logged and never fails the reconcile.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, string instance, ILogger logger)
{
    public const string Component = "booster-operator";
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public async Task RecordAsync(BoosterRuntimeDocument runtime, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var ns = runtime.Metadata.NamespaceProperty ?? "default";
        var ev = new Corev1Event
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
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record event {Reason} on {Namespace}/{Name}", reason, ns, runtime.Metadata.Name);
        }
    }
}
