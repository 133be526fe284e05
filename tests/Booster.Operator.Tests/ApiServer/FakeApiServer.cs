using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booster.Operator.Rendering;
using Booster.Operator.Tests.Support;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booster.Operator.Tests.ApiServer;

/// <summary>
/// A small in-process Kubernetes API server for the operator's end-to-end tests: Kestrel on a
/// loopback port, speaking the REST and watch protocol closely enough for KubernetesClient and
/// kubectl — discovery, get/list/create/update/patch/delete, label selectors, the status and
/// scale subresources, Table responses for kubectl get, watch streams with bookmarks. The rules
/// of storage are in <see cref="ObjectStore"/>. Tests can cut watches, compact the history (410),
/// inject failures, and play the Deployment controller (<see cref="MarkDeploymentReady"/>,
/// <see cref="SetDeploymentConditions"/>). Server-side apply with field ownership, deletion with
/// propagation policies and finalizers, the built-in objects' normalisation and validation: see
/// <see cref="ObjectStore"/>. CRD schema defaults are applied. Not served: JSON patch, strategic
/// merge directives, CRD schema validation and CEL rules (kubectl's fieldValidation is accepted
/// and ignored), OpenAPI schemas, aggregated discovery, field selectors other than
/// metadata.name/namespace, authentication.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ApiResource> _resources = [.. ApiResource.BuiltIn];
    private readonly List<ApiRequest> _requests = [];
    private readonly List<Fault> _faults = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("booster-apiserver-").FullName;
    private Task _bookmarks = Task.CompletedTask;

    private FakeApiServer(WebApplication app)
    {
        _app = app;
        Store = new ObjectStore(() => DateTime.UtcNow);
    }

    public ObjectStore Store { get; }

    public string Url { get; private set; } = "";

    /// <summary>A kubeconfig pointing at this server (namespace default), for kubectl and the operator's run command.</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>For kubectl's discovery cache, so tests never share one.</summary>
    public string CacheDirectory => Path.Combine(_directory, "cache");

    public KubernetesClientConfiguration ClientConfiguration => new() { Host = Url };

    public IReadOnlyList<ApiRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>Starts the server; by default with the BoosterRuntime CRD of config/crds installed.</summary>
    public static async Task<FakeApiServer> StartAsync(bool installCrd = true, TimeSpan? bookmarkInterval = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await File.WriteAllTextAsync(server.KubeconfigPath, Kubeconfig(server.Url));
        if (installCrd) server.Create("apiextensions.k8s.io", "customresourcedefinitions", null, YamlDocuments.Parse(File.ReadAllText(RepositoryPaths.Crd)).Single().AsObject());
        server._bookmarks = server.SendBookmarksAsync(bookmarkInterval ?? TimeSpan.FromSeconds(1));
        return server;
    }

    public IKubernetes Client() => new Kubernetes(ClientConfiguration);

    public ApiResource Resource(string group, string plural)
    {
        lock (_resources) return _resources.FirstOrDefault(r => r.Group == group && r.Plural == plural) ?? throw new ArgumentException($"not served: {group}/{plural}");
    }

    /// <summary>Creates an object directly in the store, as if through the API (a CRD also becomes a served resource).</summary>
    public JsonObject Create(string group, string plural, string? ns, JsonObject obj)
    {
        var resource = Resource(group, plural);
        var created = Store.Create(resource, ns, obj);
        if (resource.Plural == "customresourcedefinitions") Register(created);
        return created;
    }

    /// <summary>The next <paramref name="times"/> requests with this verb on this resource (e.g. <c>deployments</c>, <c>boosterruntimes/status</c>) fail.</summary>
    public void FailNext(string verb, string resource, int code, int times = 1)
    {
        lock (_faults) _faults.Add(new Fault(verb, resource, code, times));
    }

    /// <summary>
    /// How long a successful write's response is held after the write (and its watch event) took
    /// place: a loaded API server may deliver a write's watch event before its response.
    /// </summary>
    public TimeSpan WriteResponseDelay { get; set; }

    public void ExpireWatches() => Store.Expire();

    public void DropWatches() => Store.DropWatches();

    /// <summary>Plays the Deployment controller: every replica of the Deployment's current generation is ready and available.</summary>
    public void MarkDeploymentReady(string ns, string name)
    {
        Store.Mutate(Resource("apps", "deployments"), ns, name, deployment =>
        {
            var replicas = (int?)deployment["spec"]?["replicas"] ?? 1;
            deployment["status"] = new JsonObject
            {
                ["observedGeneration"] = deployment["metadata"]!["generation"]!.DeepClone(),
                ["replicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["readyReplicas"] = replicas,
                ["availableReplicas"] = replicas,
            };
            return deployment;
        }, WriteScope.Status);
    }

    /// <summary>Plays the Deployment controller reporting trouble: the Deployment's status.conditions become these (type, status, reason, message).</summary>
    public void SetDeploymentConditions(string ns, string name, params (string Type, string Status, string Reason, string Message)[] conditions)
    {
        Store.Mutate(Resource("apps", "deployments"), ns, name, deployment =>
        {
            var status = deployment["status"] as JsonObject ?? new JsonObject();
            status["observedGeneration"] = deployment["metadata"]!["generation"]!.DeepClone();
            status["conditions"] = new JsonArray(conditions.Select(c => (JsonNode?)new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = c.Status,
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["lastUpdateTime"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["lastTransitionTime"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }).ToArray());
            deployment["status"] = status;
            return deployment;
        }, WriteScope.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Store.DropWatches();
        await _bookmarks;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var response = segments switch
            {
                ["version"] => new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-booster-fixture", ["platform"] = "linux/amd64" },
                ["api"] => Discovery.CoreVersions(new Uri(Url).Authority),
                ["apis"] => Discovery.Groups(Snapshot()),
                ["api", "v1"] => Discovery.Resources("v1", Snapshot()),
                ["apis", var g, var v] => Discovery.Resources($"{g}/{v}", Snapshot()),
                ["openapi", "v3"] => OpenApiV3.Root(Snapshot()),
                ["openapi", "v3", .. var gv] => OpenApiV3.GroupVersion(string.Join('/', gv), Snapshot()),
                ["api", "v1", .. var rest] => await ServeResourceAsync(context, "", "v1", rest),
                ["apis", var g, var v, .. var rest] => await ServeResourceAsync(context, g, v, rest),
                _ => throw new ApiError(404, "NotFound", "the server could not find the requested resource"),
            };
            if (response is not null && context.Request.Method is "POST" or "PUT" or "PATCH" or "DELETE" && WriteResponseDelay > TimeSpan.Zero)
                await Task.Delay(WriteResponseDelay, _stopping.Token);
            if (response is not null) await WriteJsonAsync(context, 200, response);
        }
        catch (ApiError e)
        {
            if (!context.Response.HasStarted) await WriteJsonAsync(context, e.Code, e.ToStatus());
        }
        catch (JsonException e)
        {
            if (!context.Response.HasStarted) await WriteJsonAsync(context, 400, ApiError.BadRequest($"the body is not valid JSON: {e.Message}").ToStatus());
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A fixture bug must show in the test output, not as a bare 500.
            await WriteJsonAsync(context, 500, ApiError.Status(500, "InternalError", $"test API server failed: {e}"));
        }
    }

    /// <summary>Answers a request under a group version; null when the response was streamed (watch).</summary>
    private async Task<JsonObject?> ServeResourceAsync(HttpContext context, string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest is ["namespaces", var n, var plural, ..] && Find(group, version, plural) is not null)
        {
            ns = n;
            rest = rest[2..];
        }
        var resource = rest.Length is >= 1 and <= 3 ? Find(group, version, rest[0]) : null;
        if (resource is null) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        var name = rest.ElementAtOrDefault(1);
        var sub = rest.ElementAtOrDefault(2);
        if (sub is not (null or "status" or "scale") || (sub == "status" && !resource.HasStatus) || (sub == "scale" && !resource.HasScale))
            throw new ApiError(404, "NotFound", "the server could not find the requested resource");
        if (resource.Namespaced && name is not null && ns is null) throw ApiError.BadRequest("a namespaced object needs a namespace in the path");

        var query = context.Request.Query;
        var method = context.Request.Method;
        var watch = method == "GET" && name is null && query["watch"] is ["true" or "1"];
        var verb = (method, name) switch
        {
            ("GET", null) => watch ? "watch" : "list",
            ("GET", _) => "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", not null) => "delete",
            _ => throw new ApiError(405, "MethodNotAllowed", $"{method} is not supported on this path by the test API server"),
        };
        var resourceName = sub is null ? resource.Plural : $"{resource.Plural}/{sub}";
        var manager = FieldManager(context);
        lock (_requests) _requests.Add(new ApiRequest(verb, group, resourceName, ns, name, context.Request.Headers.UserAgent.ToString()));
        ThrowInjectedFault(verb, resourceName);

        switch (verb)
        {
            case "watch":
                await StreamWatchAsync(context, resource, ns);
                return null;
            case "list":
                var (items, revision) = Store.List(resource, ns, LabelSelector.Parse(query["labelSelector"]));
                items = items.Where(FieldSelector(query["fieldSelector"])).ToList();
                if (WantsTable(context)) return TableConverter.Convert(resource, items, revision, DateTime.UtcNow);
                return new JsonObject
                {
                    ["kind"] = resource.Kind + "List",
                    ["apiVersion"] = resource.GroupVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
                    ["items"] = new JsonArray(items.Select(i => (JsonNode?)ListItem(resource, i)).ToArray()),
                };
            case "get":
                var obj = Store.Get(resource, ns, name!);
                if (sub == "scale") return Scale(resource, obj);
                return WantsTable(context) ? TableConverter.Convert(resource, [obj], Store.Revision, DateTime.UtcNow) : obj;
            case "create":
                var body = await ReadBodyAsync(context, resource);
                var created = Store.Create(resource, ns, body, manager);
                if (resource.Plural == "customresourcedefinitions") Register(created);
                context.Response.StatusCode = 201;
                return created;
            case "update":
                var replacement = await ReadBodyAsync(context, sub == "scale" ? null : resource);
                return sub == "scale"
                    ? WriteScale(resource, ns, name!, _ => replacement)
                    : Store.Update(resource, ns, name!, replacement, sub == "status" ? WriteScope.Status : WriteScope.Main, manager);
            case "patch" when IsApply(context):
                if (sub is not null) throw ApiError.Unsupported("the test API server applies to the main resource only");
                if (query["fieldManager"] is not [{ Length: > 0 }]) throw ApiError.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                var (applied, isNew) = Store.Apply(resource, ns, name!, await ReadApplyAsync(context), manager, query["force"] is ["true"]);
                if (isNew) context.Response.StatusCode = 201;
                return applied;
            case "patch":
                var patch = await ReadPatchAsync(context);
                return sub == "scale"
                    ? WriteScale(resource, ns, name!, current => MergePatch.Apply(current, patch)!.AsObject())
                    : Store.Mutate(resource, ns, name!, current => MergePatch.Apply(current, patch)!.AsObject(), sub == "status" ? WriteScope.Status : WriteScope.Main, manager);
            default:
                var deleted = Store.Delete(resource, ns, name!, await PropagationPolicyAsync(context));
                return resource.ReturnsDeletedObject ? deleted : new JsonObject
                {
                    ["kind"] = "Status",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Success",
                    ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = resource.Plural, ["uid"] = deleted["metadata"]!["uid"]!.DeepClone() },
                };
        }
    }

    private async Task StreamWatchAsync(HttpContext context, ApiResource resource, string? ns)
    {
        var query = context.Request.Query;
        var subscription = Store.Watch(resource, ns, LabelSelector.Parse(query["labelSelector"]), query["resourceVersion"],
            query["allowWatchBookmarks"] is ["true" or "1"]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var names = FieldSelector(query["fieldSelector"]);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        try
        {
            await foreach (var message in subscription.Messages.ReadAllAsync(timeout.Token))
            {
                if (ReferenceEquals(message, WatchMessage.Abort))
                {
                    context.Abort();
                    return;
                }
                if (ReferenceEquals(message, WatchMessage.End)) return;
                if (message.Type is "ADDED" or "MODIFIED" or "DELETED" && !names(message.Object!)) continue;
                var line = new JsonObject { ["type"] = message.Type, ["object"] = message.Object }.ToJsonString() + "\n";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), timeout.Token);
                await context.Response.Body.FlushAsync(timeout.Token);
                if (message.Type == "ERROR") return;
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the server stops, or the watch's timeoutSeconds passed.
        }
        finally
        {
            Store.Unwatch(subscription);
        }
    }

    private JsonObject WriteScale(ApiResource resource, string? ns, string name, Func<JsonObject, JsonObject> change)
    {
        var updated = Store.Mutate(resource, ns, name, obj =>
        {
            var scale = change(Scale(resource, obj));
            if (scale["spec"]?["replicas"] is not JsonValue replicas) throw ApiError.Invalid("spec.replicas: Required value");
            var spec = obj["spec"] as JsonObject ?? (JsonObject)(obj["spec"] = new JsonObject());
            spec["replicas"] = replicas.DeepClone();
            obj["metadata"]!["resourceVersion"] = scale["metadata"]?["resourceVersion"]?.DeepClone();
            return obj;
        }, WriteScope.Main);
        return Scale(resource, updated);
    }

    /// <summary>The autoscaling/v1 Scale of an object (spec.replicas, status.replicas, the selector).</summary>
    private static JsonObject Scale(ApiResource resource, JsonObject obj)
    {
        var metadata = obj["metadata"]!;
        var selector = resource.Kind == "Deployment"
            ? string.Join(",", (obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={p.Value}"))
            : (string?)obj["status"]?["selector"] ?? "";
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = new JsonObject { ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0, ["selector"] = selector },
        };
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context, ApiResource? expected)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? throw ApiError.BadRequest("the body must be a JSON object");
        if (expected is not null
            && (((string?)body["kind"] is { } kind && kind != expected.Kind) || ((string?)body["apiVersion"] is { } apiVersion && apiVersion != expected.GroupVersion)))
            throw ApiError.BadRequest($"the body is a {body["apiVersion"]} {body["kind"]}, not a {expected.GroupVersion} {expected.Kind}");
        return body;
    }

    private static JsonObject ListItem(ApiResource resource, JsonObject item)
    {
        if (resource.ListItemsCarryKind) return item;
        item.Remove("apiVersion");
        item.Remove("kind");
        return item;
    }

    private static bool IsApply(HttpContext context) =>
        context.Request.ContentType?.Split(';')[0].Trim() == "application/apply-patch+yaml";

    /// <summary>An apply body: JSON (what clients send), else YAML.</summary>
    private static async Task<JsonObject> ReadApplyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the apply body must be an object");
        }
        catch (JsonException)
        {
            return YamlDocuments.Parse(text).Single().AsObject();
        }
    }

    /// <summary>Who writes, for field ownership: the fieldManager parameter, else the user agent's product, as the API server derives it.</summary>
    private static string FieldManager(HttpContext context) =>
        context.Request.Query["fieldManager"] is [{ Length: > 0 } manager] ? manager
        : context.Request.Headers.UserAgent.ToString().Split('/', ' ')[0] is { Length: > 0 } agent ? agent : "unknown";

    /// <summary>propagationPolicy from the DeleteOptions body or the query.</summary>
    private static async Task<string?> PropagationPolicyAsync(HttpContext context)
    {
        if (context.Request.Query["propagationPolicy"] is [{ Length: > 0 } policy]) return policy;
        if (context.Request.ContentLength is 0 || context.Request.ContentType is null) return null;
        var body = await JsonNode.ParseAsync(context.Request.Body);
        return (string?)body?["propagationPolicy"];
    }

    private static async Task<JsonNode> ReadPatchAsync(HttpContext context)
    {
        var type = context.Request.ContentType?.Split(';')[0].Trim();
        if (type is not ("application/merge-patch+json" or "application/strategic-merge-patch+json"))
            throw ApiError.Unsupported($"the test API server applies merge and strategic merge patches only, not {type}");
        var patch = await JsonNode.ParseAsync(context.Request.Body) ?? throw ApiError.BadRequest("empty patch");
        if (type == "application/strategic-merge-patch+json" && MergePatch.StrategicDirective(patch) is { } directive)
            throw ApiError.Invalid($"the test API server applies strategic merge patches as merge patches and cannot honour {directive}");
        return patch;
    }

    private void ThrowInjectedFault(string verb, string resource)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Verb == verb && f.Resource == resource && f.Remaining > 0);
            if (fault is null) return;
            fault.Remaining--;
            throw fault.Error();
        }
    }

    private static Func<JsonObject, bool> FieldSelector(string? text)
    {
        if (string.IsNullOrEmpty(text)) return _ => true;
        var tests = text.Split(',').Select(requirement =>
        {
            var (field, value) = requirement.Split('=', 2) is [var f, var v] ? (f.TrimEnd('='), v) : throw ApiError.BadRequest($"invalid field selector {requirement}");
            return field switch
            {
                "metadata.name" => (Func<JsonObject, bool>)(o => (string?)o["metadata"]?["name"] == value),
                "metadata.namespace" => o => (string?)o["metadata"]?["namespace"] == value,
                _ => throw ApiError.BadRequest($"field selector {field} is not supported by the test API server"),
            };
        }).ToList();
        return obj => tests.All(t => t(obj));
    }

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private void Register(JsonObject crd)
    {
        lock (_resources)
        {
            foreach (var resource in ApiResource.FromCrd(crd))
            {
                _resources.RemoveAll(r => r.Group == resource.Group && r.Version == resource.Version && r.Plural == resource.Plural);
                _resources.Add(resource);
            }
        }
    }

    private ApiResource? Find(string group, string version, string plural)
    {
        lock (_resources) return _resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
    }

    private List<ApiResource> Snapshot()
    {
        lock (_resources) return _resources.ToList();
    }

    private async Task SendBookmarksAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stopping.Token);
                Store.Bookmark();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        if (context.Response.StatusCode == 200 || status != 200) context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Kubeconfig(string url) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fixture
          cluster:
            server: {url}
        users:
        - name: fixture
          user:
            token: fixture-token-not-checked
        contexts:
        - name: fixture
          context:
            cluster: fixture
            user: fixture
            namespace: default
        current-context: fixture
        """;
}
