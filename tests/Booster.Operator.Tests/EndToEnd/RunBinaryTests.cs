using System.Diagnostics;
using System.Net;
using Booster.Operator.Tests.ApiServer;
using Booster.Operator.Tests.Support;

namespace Booster.Operator.Tests.EndToEnd;

/// <summary>The built binary's <c>run</c> command, as a separate process, against the fixture through a kubeconfig file.</summary>
public sealed class RunBinaryTests
{
    [Fact]
    public async Task TheRunCommandReconcilesAndServesItsEndpoints()
    {
        await using var server = await FakeApiServer.StartAsync();
        var port = Loopback.FreePort();
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host, [Path.Combine(AppContext.BaseDirectory, "booster-operator.dll"), "run",
            "--kubeconfig", server.KubeconfigPath, "--namespace", "default", "--leader-elect", "--lease-namespace", "default",
            "--metrics-address", $"http://127.0.0.1:{port}", "--node-tuning-image", "registry.example/node-tuner:1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await using var scenario = await OperatorScenarioOn(server);
            await scenario.CreateRuntimeAsync("hello");

            var deployment = await scenario.DeploymentAsync("hello");
            deployment.Spec.Template.Spec.InitContainers.Select(c => c.Image).Should().Contain("registry.example/node-tuner:1");
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.True(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "/readyz");
            (await http.GetStringAsync("/metrics")).Should().Contain("booster_operator_leader 1");
        }
        catch (Exception e)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"{e.Message}\noperator stdout:\n{await output}\nstderr:\n{await errors}", e);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        (await errors).Should().NotContain("Unhandled exception", await output);
    }

    private static Task<ClientOnly> OperatorScenarioOn(FakeApiServer server) => Task.FromResult(new ClientOnly(server));


    /// <summary>The scenario helpers without an in-process operator (the process under test is the operator).</summary>
    private sealed class ClientOnly(FakeApiServer server) : IAsyncDisposable
    {
        private readonly k8s.IKubernetes _client = server.Client();

        public async Task CreateRuntimeAsync(string name)
        {
            var document = Runtimes.Document();
            document["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name };
            await k8s.CustomObjectsOperationsExtensions.CreateNamespacedCustomObjectAsync(_client.CustomObjects, document, "booster.dev", "v1alpha1", "default", "boosterruntimes");
        }

        public Task<k8s.Models.V1Deployment> DeploymentAsync(string name) =>
            Eventually.Value(() => k8s.AppsV1OperationsExtensions.ReadNamespacedDeploymentAsync(_client.AppsV1, name, "default"), _ => true, "the Deployment");

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
