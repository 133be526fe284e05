using System.Globalization;
using System.Text.Json.Nodes;
using Booster.Operator.Api;
using Booster.Operator.Hosting;
using Booster.Operator.Desired;
using Keda = Booster.Operator.Desired.Keda;
using Booster.Operator.Reconciliation;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.ApiServer;
using Booster.Operator.Tests.Support;
using Booster.Operator.Watching;
using k8s;
using k8s.Models;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>The fixture API server, the operator running against it, and a client for the test's own reads and writes.</summary>
internal sealed class OperatorScenario : IAsyncDisposable
{
    public const string Namespace = "default";

    private OperatorScenario(FakeApiServer server, IKubernetes client)
    {
        Server = server;
        Client = client;
    }

    public FakeApiServer Server { get; }

    public IKubernetes Client { get; }

    public RunningOperator Operator { get; private set; } = null!;

    /// <summary>
    /// The fixture and the operator; with <paramref name="keda"/>, KEDA's ScaledObject CRD is
    /// installed first, its admission webhook reading a cache <paramref name="kedaWebhookLag"/> behind.
    /// </summary>
    public static async Task<OperatorScenario> StartAsync(Func<OperatorOptions, OperatorOptions>? configure = null, bool startOperator = true, bool keda = false,
        TimeSpan? kedaWebhookLag = null)
    {
        var server = await FakeApiServer.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(200));
        if (keda) KedaCrd.Install(server, kedaWebhookLag);
        var scenario = new OperatorScenario(server, server.Client());
        if (startOperator) scenario.Operator = await RunningOperator.StartAsync(server.ClientConfiguration, (configure ?? (o => o))(RunningOperator.FastOptions()));
        return scenario;
    }

    public async Task<JsonObject> CreateRuntimeAsync(string name, string specYaml = "", string ns = Namespace)
    {
        var document = Runtimes.Document(specYaml);
        document["metadata"] = new JsonObject { ["name"] = name };
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(document, BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural);
        return Json(created);
    }

    public async Task<JsonObject> GetRuntimeAsync(string name, string ns = Namespace) =>
        Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, name));

    public async Task<JsonObject> PatchRuntimeAsync(string name, string mergePatchJson, string ns = Namespace) =>
        Json(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(mergePatchJson, V1Patch.PatchType.MergePatch),
            BoosterRuntime.Group, BoosterRuntime.Version, ns, BoosterRuntime.Plural, name));

    public static string ResourceVersion(JsonObject obj) => (string)obj["metadata"]!["resourceVersion"]!;

    /// <summary>
    /// Waits until the operator has finished a reconcile of the runtime that read at least the given
    /// resourceVersions (of writes the test made) of the runtime and of its Deployment, and returns
    /// it: from then on, whatever that reconcile wrote is in the store. An earlier reconcile (the
    /// initial one, one after a status write) does not count. The fixture's resourceVersion is one
    /// global counter, so "at least" compares numbers.
    /// </summary>
    public async Task<ReconcileRecord> ReconciledAsync(string name, string? runtimeVersion = null, string? deploymentVersion = null, string ns = Namespace) =>
        (await Eventually.Value(() => Task.FromResult(Operator.State.Reconciles.Last(new ObjectKey(ns, name))),
            r => r is not null && AtLeast(r.RuntimeVersion, runtimeVersion) && AtLeast(r.OwnedVersions.GetValueOrDefault("Deployment"), deploymentVersion),
            $"a reconcile of {name} that read runtime version {runtimeVersion ?? "any"}, Deployment version {deploymentVersion ?? "any"} or later"))!;

    /// <summary>The resourceVersion of each object the runtime owns, by kind, as the API server has them now.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OwnedVersionsAsync(string name, string ns = Namespace)
    {
        var versions = new Dictionary<string, string>();
        void Add(string kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> items)
        {
            if (items.SingleOrDefault(i => i.Metadata.Name == name) is { } item) versions[kind] = item.Metadata.ResourceVersion;
        }
        Add("Deployment", (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items);
        Add("Service", (await Client.CoreV1.ListNamespacedServiceAsync(ns)).Items);
        Add("PodDisruptionBudget", (await Client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns)).Items);
        Add("HorizontalPodAutoscaler", (await Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns)).Items);
        Add("NetworkPolicy", (await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns)).Items);
        return versions;
    }

    /// <summary>The ScaledObjects in the namespace (KEDA's CRD must be installed).</summary>
    public async Task<IReadOnlyList<JsonObject>> ScaledObjectsAsync(string ns = Namespace) =>
        Json(await Client.CustomObjects.ListNamespacedCustomObjectAsync(Keda.ScaledObject.Group, Keda.ScaledObject.Version, ns, Keda.ScaledObject.Plural))["items"]!
            .AsArray().Select(item => item!.AsObject()).ToList();

    public async Task<int> HpaCountAsync(string ns = Namespace) => (await Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns)).Items.Count;

    private static bool AtLeast(string? seen, string? wanted) =>
        wanted is null || (seen is not null && long.Parse(seen, CultureInfo.InvariantCulture) >= long.Parse(wanted, CultureInfo.InvariantCulture));

    /// <summary>
    /// Waits until the operator is quiet: every cache has seen the API server up to its latest
    /// revision (the fixture sends bookmarks), and no reconcile is queued, running or waiting out
    /// a backoff — and nothing was written meanwhile. <paramref name="running"/>: an operator the
    /// test started itself, else the scenario's.
    /// </summary>
    public async Task QuietAsync(RunningOperator? running = null)
    {
        var state = (running ?? Operator).State;
        while (true)
        {
            var revision = Server.Store.Revision;
            await Eventually.True(() => state.QueueIdle
                    && state.ObservedVersions.All(v => v is not null && long.Parse(v, CultureInfo.InvariantCulture) >= revision),
                $"the operator's caches at revision {revision} and its queue idle");
            if (Server.Store.Revision == revision) return;
        }
    }

    /// <summary>
    /// The writes the operator made to runtimes and what they own from request <paramref name="since"/>
    /// on ("verb resource"); the test's own writes (to the runtime itself) and the Lease are left out.
    /// </summary>
    public IReadOnlyList<string> OperatorWritesSince(int since) => Server.Requests.Skip(since)
        .Where(r => r.Verb is "create" or "update" or "patch" or "delete" && r.Resource is not ("boosterruntimes" or "leases"))
        .Select(r => $"{r.Verb} {r.Resource}").ToList();

    /// <summary>The fields <paramref name="manager"/> owns in an object (its managedFields entry), as FieldsV1 JSON.</summary>
    public static string OwnedFields(IKubernetesObject<V1ObjectMeta> obj, string manager) =>
        obj.Metadata.ManagedFields?.Where(f => f.Manager == manager).Select(f => KubernetesJson.Serialize(f.FieldsV1)).FirstOrDefault() ?? "";

    /// <summary>Waits for the runtime's Deployment to satisfy <paramref name="accept"/> and returns it.</summary>
    public Task<V1Deployment> DeploymentAsync(string name, Func<V1Deployment, bool>? accept = null, string what = "the Deployment", string ns = Namespace) =>
        Eventually.Value(() => Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns), accept ?? (_ => true), what);

    /// <summary>Waits for a condition of the runtime's status and returns the runtime.</summary>
    public Task<JsonObject> RuntimeAsync(string name, Func<JsonObject, bool> accept, string what, string ns = Namespace) =>
        Eventually.Value(() => GetRuntimeAsync(name, ns), accept, what);

    public static JsonObject? Condition(JsonObject runtime, string type) =>
        runtime["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == type)?.AsObject();

    public static bool HasCondition(JsonObject runtime, string type, string status, string? reason = null) =>
        Condition(runtime, type) is { } c && (string?)c["status"] == status && (reason is null || (string?)c["reason"] == reason);

    public static string Hash(V1Deployment deployment) => deployment.Spec.Template.Metadata.Annotations[ConfigHash.Annotation];

    public static IDictionary<string, string> Env(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.Single(c => c.Name == RuntimeContainer.Name).Env.ToDictionary(e => e.Name, e => e.Value);

    public async Task<IList<Corev1Event>> EventsAsync(string ns = Namespace) => (await Client.CoreV1.ListNamespacedEventAsync(ns)).Items;

    public static JsonObject Json(object response) => JsonNode.Parse(KubernetesJson.Serialize(response))!.AsObject();

    public async ValueTask DisposeAsync()
    {
        if (Operator is not null) await Operator.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>For scenarios that start operators themselves (leader election).</summary>
    public Task<RunningOperator> StartOperatorAsync(OperatorOptions options, Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null) =>
        RunningOperator.StartAsync(Server.ClientConfiguration, options, logging);

    /// <summary>Parses the YAML of a spec, for tests that compare with render.</summary>
    public static JsonObject Spec(string yaml) => YamlDocuments.Parse(yaml).Single().AsObject();
}
