using System.Text.Json;
using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Desired;
using Booster.Operator.Watching;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Reconciliation;

/// <summary>
/// One reconcile of one BoosterRuntime, as a short script: read it from the cache → leave it
/// alone while it is being deleted → check the spec → remove owned objects no longer wanted →
/// apply each desired object → write the status. An invalid spec stops after the check and leaves
/// the running objects alone. A failure is written to the status, then thrown so that the queue
/// retries with backoff; a conflict (409) is routine and only retried.
/// </summary>
internal sealed class BoosterRuntimeReconciler(
    IKubernetes client,
    ObjectCache<BoosterRuntimeDocument> runtimes,
    IReadOnlyList<OwnedResource> owned,
    EventRecorder events,
    OwnWrites ownWrites,
    DesiredStateOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>The reason of the Warning event that answers a replica change while autoscaling is on.</summary>
    public const string ReplicasIgnored = "ReplicasIgnored";

    /// <summary>spec.replicas as last reconciled, per runtime, to notice a change.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ObjectKey, int> _replicasSeen = new();

    private readonly AutoscalerSwitch _autoscalerSwitch = new(client, owned, time);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (runtimes.Get(key) is not { } document)
        {
            foreach (var resource in owned) ownWrites.Forget(resource.Kind.KeyFor(key));
            _replicasSeen.TryRemove(key, out _);
            _autoscalerSwitch.Forget(key);
            return ReconcileResult.NotFound;
        }
        // The garbage collector is removing what it owns; a new child would fight it (and block a foreground deletion).
        if (document.Metadata.DeletionTimestamp is not null) return ReconcileResult.Deleting;
        var previous = PreviousStatus(document);
        var (runtime, specErrors) = Read(document);
        var deployment = CachedDeployment(key);

        if (runtime is null)
        {
            logger.LogInformation("{Key}: invalid spec: {Errors}", key, string.Join("; ", specErrors));
            var status = await WriteStatusAsync(document, previous, specErrors, deployment, failure: null, ObserveScaledObject(key, null), cancellationToken).ConfigureAwait(false);
            if (Changed(previous, status, BoosterRuntimeConditions.Degraded))
                await events.RecordAsync(document, EventRecorder.Warning, BoosterRuntimeConditions.InvalidSpec,
                    Conditions.Find(status.Conditions, BoosterRuntimeConditions.Degraded)!.Message, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.InvalidSpec;
        }

        var desired = DesiredState.Build(runtime, options);
        if (await BeingDeletedAsync(key, desired, cancellationToken).ConfigureAwait(false)) return ReconcileResult.Deleting;
        string? waitingFor;
        try
        {
            (deployment, waitingFor) = await ApplyAsync(document, runtime, desired, deployment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !IsConflict(e))
        {
            // Surface the failure and tell it once in a Warning event, then let the queue retry;
            // a status write that fails too is only logged.
            try
            {
                var status = await WriteStatusAsync(document, previous, [], deployment, Describe(e), ObserveScaledObject(key, runtime), cancellationToken).ConfigureAwait(false);
                if (Changed(previous, status, BoosterRuntimeConditions.Degraded))
                    await events.RecordAsync(document, EventRecorder.Warning, StatusCalculator.Reasons.ReconcileFailed,
                        Conditions.Find(status.Conditions, BoosterRuntimeConditions.Degraded)!.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception statusError) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(statusError, "{Key}: could not record the failure in status", key);
            }
            throw;
        }

        var written = await WriteStatusAsync(document, previous, [], deployment, failure: null, ObserveScaledObject(key, runtime), cancellationToken).ConfigureAwait(false);
        if (Changed(previous, written, BoosterRuntimeConditions.Autoscaling)
            && Conditions.Find(written.Conditions, BoosterRuntimeConditions.Autoscaling) is { Status: Conditions.False } autoscaling)
            await events.RecordAsync(document, EventRecorder.Warning, autoscaling.Reason, autoscaling.Message, cancellationToken).ConfigureAwait(false);
        await WarnOfIgnoredReplicasAsync(document, runtime, cancellationToken).ConfigureAwait(false);
        if (waitingFor is null) return ReconcileResult.Success;
        logger.LogInformation("{Key}: the new autoscaler waits for {Blocker}", key, waitingFor);
        return ReconcileResult.Waiting;
    }

    /// <summary>
    /// Before creating a child, the runtime is read from the API server: the caches may lag, and a
    /// child the garbage collector just removed can be seen before the runtime's deletionTimestamp.
    /// Only a reconcile that would create something pays the read.
    /// </summary>
    private async Task<bool> BeingDeletedAsync(ObjectKey key, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> desired, CancellationToken cancellationToken)
    {
        if (desired.All(obj => owned.Single(r => r.Kind.Matches(obj)).Cache.Get(ObjectKey.Of(obj)) is not null)) return false;
        try
        {
            var current = await client.CustomObjects.GetNamespacedCustomObjectAsync<ObjectDocument>(BoosterRuntime.Group, BoosterRuntime.Version,
                key.Namespace, BoosterRuntime.Plural, key.Name, cancellationToken).ConfigureAwait(false);
            return current.Metadata.DeletionTimestamp is not null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return true; // Gone already; its watch event is on the way.
        }
    }

    /// <summary>Deletes what is no longer wanted and applies the rest; returns the Deployment and what a new autoscaler still waits for.</summary>
    private async Task<(V1Deployment? Deployment, string? WaitingFor)> ApplyAsync(BoosterRuntimeDocument document, BoosterRuntime runtime,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> desired, V1Deployment? deployment, CancellationToken cancellationToken)
    {
        var uid = runtime.Metadata.Uid ?? "";
        // What the spec no longer asks for is removed first: an HPA or ScaledObject when autoscaling
        // is off or on the other metric (first, because KEDA's admission webhook refuses a
        // ScaledObject for a Deployment that an HPA still scales), a PDB at one replica, a
        // NetworkPolicy without spec.access.allowFrom.
        var key = ObjectKey.Of(runtime);
        foreach (var resource in owned.Where(r => !desired.Any(r.Kind.Matches)))
        {
            var child = resource.Kind.KeyFor(key);
            if (!await resource.DeleteIfOwnedAsync(child, uid, cancellationToken).ConfigureAwait(false)) continue;
            _autoscalerSwitch.Deleted(resource.Kind, key);
            await events.RecordAsync(document, EventRecorder.Normal, "Deleted", $"Deleted {resource.Kind.Kind} {child.Name}: the spec no longer asks for it", cancellationToken).ConfigureAwait(false);
        }

        // A kind the cluster does not serve (KEDA not installed) stops only its own object: the
        // others are applied before it is reported.
        var notServed = new List<KindNotServedException>();
        string? waitingFor = null;
        foreach (var obj in desired)
        {
            var resource = owned.Single(r => r.Kind.Matches(obj));
            // The other metric's autoscaler first goes, as observed; the new one is created after.
            if (await _autoscalerSwitch.BlockerAsync(resource.Kind, key, cancellationToken).ConfigureAwait(false) is { } blocker)
            {
                waitingFor = blocker;
                continue;
            }
            if (obj is V1Deployment { Spec.Replicas: null } && deployment?.Spec?.Replicas is { } current)
                await resource.HandOverAsync(ObjectKey.Of(obj), new JsonObject { ["spec"] = new JsonObject { ["replicas"] = current } }, cancellationToken).ConfigureAwait(false);
            ApplyOutcome outcome;
            try
            {
                outcome = await resource.ApplyAsync(AppliedConfiguration.Of(obj), uid, cancellationToken).ConfigureAwait(false);
            }
            catch (KindNotServedException e)
            {
                notServed.Add(e);
                continue;
            }
            catch (Exception e) when (_autoscalerSwitch.IsLaggingRefusal(resource.Kind, key, e))
            {
                waitingFor = $"KEDA's admission webhook to see the old autoscaler gone ({Describe(e)})";
                continue;
            }
            if (resource.Kind == OwnedKind.Deployment) deployment = outcome.Object.As<V1Deployment>();
            if (outcome.Action == ApplyAction.Created)
                await events.RecordAsync(document, EventRecorder.Normal, "Created", $"Created {outcome.Kind} {outcome.Name}", cancellationToken).ConfigureAwait(false);
            else if (outcome.Action == ApplyAction.Updated)
                await events.RecordAsync(document, EventRecorder.Normal, "Updated", $"Updated {outcome.Kind} {outcome.Name}: {Explain(outcome.Drift)}", cancellationToken).ConfigureAwait(false);
        }

        if (notServed.Count > 0)
            throw notServed.Count == 1 ? notServed[0] : new InvalidOperationException(string.Join("; ", notServed.Select(e => e.Message)));
        return (deployment, waitingFor);
    }

    /// <summary>
    /// <c>kubectl scale</c> (or an edit of spec.replicas) while autoscaling is on changes nothing,
    /// since the HPA owns the count; say so rather than ignore it silently.
    /// </summary>
    private async Task WarnOfIgnoredReplicasAsync(BoosterRuntimeDocument document, BoosterRuntime runtime, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(document);
        var changed = _replicasSeen.TryGetValue(key, out var before) && before != runtime.Spec.Replicas;
        _replicasSeen[key] = runtime.Spec.Replicas;
        if (changed && runtime.Spec.Autoscaling is { } autoscaling)
            await events.RecordAsync(document, EventRecorder.Warning, ReplicasIgnored,
                $"spec.replicas ({runtime.Spec.Replicas}) is ignored while spec.autoscaling is set: {Scaler(autoscaling)} keeps " +
                $"{autoscaling.MinReplicas} to {autoscaling.MaxReplicas ?? autoscaling.MinReplicas} pods; change spec.autoscaling instead", cancellationToken).ConfigureAwait(false);
    }

    private static string Scaler(AutoscalingSpec autoscaling) => autoscaling.Metric == AutoscalingSpec.Concurrency
        ? "KEDA's ScaledObject (on executions in flight and queued)"
        : "the HorizontalPodAutoscaler (on CPU)";

    /// <summary>Why an object was applied again: the spec changed (its applied configuration did), or fields drifted.</summary>
    private static string Explain(IReadOnlyList<string> drift)
    {
        var hashPath = $"metadata.annotations.{AppliedConfiguration.HashAnnotation}";
        var fields = drift.Where(path => path != hashPath).ToList();
        if (drift.Contains(hashPath)) return "applied the changed spec";
        return fields.Count == 0 ? "applied again" : $"{Summary(fields)} put back to the spec";
    }

    private async Task<BoosterRuntimeStatus> WriteStatusAsync(BoosterRuntimeDocument document, BoosterRuntimeStatus? previous,
        IReadOnlyList<FieldError> specErrors, V1Deployment? deployment, string? failure, ScaledObjectObservation? scaledObject, CancellationToken cancellationToken)
    {
        var inputs = new StatusInputs(document.Metadata.Generation ?? 0, SelectorOf(document), specErrors, deployment, failure, previous, scaledObject);
        var status = StatusCalculator.Compute(inputs, time.GetUtcNow().UtcDateTime);
        if (previous is not null && JsonNode.DeepEquals(ToJson(previous), ToJson(status))) return status;

        // A merge patch of the status subresource: the status is the operator's alone, so no
        // resourceVersion precondition is needed, and arrays (the conditions) are replaced whole.
        var patch = new JsonObject { ["status"] = ToJson(status) };
        // Its watch event queues nothing: the runtime watcher reacts to spec revisions only.
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<ObjectDocument>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            BoosterRuntime.Group, BoosterRuntime.Version, document.Metadata.NamespaceProperty, BoosterRuntime.Plural, document.Metadata.Name,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>The typed runtime, or the field errors that stop it: unreadable fields, then the validator's.</summary>
    private static (BoosterRuntime? Runtime, IReadOnlyList<FieldError> Errors) Read(BoosterRuntimeDocument document)
    {
        var (runtime, errors) = BoosterRuntimeReader.Read(document.ToJson());
        if (runtime is null) return (null, errors);
        var invalid = SpecValidator.Validate(runtime);
        return invalid.Count > 0 ? (null, invalid) : (runtime, []);
    }

    private V1Deployment? CachedDeployment(ObjectKey key) =>
        owned.Single(r => r.Kind == OwnedKind.Deployment).Cache.Get(key)?.As<V1Deployment>();

    private static BoosterRuntimeStatus? PreviousStatus(BoosterRuntimeDocument document)
    {
        if (!document.Rest.TryGetValue("status", out var status) || status.ValueKind != JsonValueKind.Object) return null;
        try
        {
            return KubernetesJson.Deserialize<BoosterRuntimeStatus>(status.GetRawText());
        }
        catch (JsonException)
        {
            return null; // A status someone else scribbled over is simply rewritten.
        }
    }

    private static string SelectorOf(BoosterRuntimeDocument document) =>
        Labels.SelectorText(new BoosterRuntime { Metadata = document.Metadata });

    /// <summary>The ScaledObject KEDA reports on, while the spec asks for one or one is still there.</summary>
    private ScaledObjectObservation? ObserveScaledObject(ObjectKey key, BoosterRuntime? runtime)
    {
        var cached = owned.Single(r => r.Kind == OwnedKind.ScaledObject).Cache.Get(key);
        var wanted = runtime?.Spec.Autoscaling?.Metric == AutoscalingSpec.Concurrency;
        return wanted || cached is not null ? ScaledObjectObservation.Of(key.Name, cached) : null;
    }

    /// <summary>Whether a condition's reason or message changed, so that its event is recorded once.</summary>
    private static bool Changed(BoosterRuntimeStatus? previous, BoosterRuntimeStatus current, string type)
    {
        var before = Conditions.Find(previous?.Conditions, type);
        var now = Conditions.Find(current.Conditions, type);
        return before?.Reason != now?.Reason || before?.Message != now?.Message;
    }

    private static bool IsConflict(Exception e) => e is HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Conflict };

    private static string Summary(IReadOnlyList<string> drift) =>
        drift.Count <= 3 ? string.Join(", ", drift) : $"{string.Join(", ", drift.Take(3))} and {drift.Count - 3} more";

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException http => $"the API server answered {(int)http.Response.StatusCode}: {Truncate(http.Response.Content)}",
        _ => e.Message,
    };

    private static string Truncate(string? text) =>
        text is null ? "" : text.Length <= 300 ? text : text[..300] + "…";

    private static JsonNode ToJson(BoosterRuntimeStatus status) => JsonNode.Parse(KubernetesJson.Serialize(status))!;
}
