using System.Net;
using System.Text.Json.Nodes;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

/// <summary>
/// The public wasi-testsuite cases in ../shared/conformance, each run through the HTTP API
/// with its spec's args and env, comparing exit code and stdout.
/// </summary>
public class WasiConformanceTests(WasiConformanceTests.ServerFixture fixture) : IClassFixture<WasiConformanceTests.ServerFixture>
{
    private const string Missing = "(conformance folder missing)";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(RepositoryPaths.Conformance))
        {
            data.Add(Missing);
            return data;
        }
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Conformance, "*.wasm").Order())
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task TheCasePassesThroughTheHttpApi(string name)
    {
        Skip.If(name == Missing, $"no WASI conformance cases at {RepositoryPaths.Conformance}");
        var specFile = Path.Combine(RepositoryPaths.Conformance, name + ".json");
        var spec = File.Exists(specFile) ? JsonNode.Parse(File.ReadAllText(specFile))!.AsObject() : new JsonObject();
        var request = new JsonObject();
        if (spec["args"] is JsonArray args) request["args"] = args.DeepClone();
        if (spec["env"] is JsonObject env) request["env"] = env.DeepClone();

        var response = await fixture.Server.Client.PostAsync($"/modules/{name}/run",
            new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result["exit_code"]!.GetValue<int>().Should().Be(spec["exit_code"]?.GetValue<int>() ?? 0);
        if (spec["stdout"] is { } stdout) result["stdout"]!.GetValue<string>().Should().Be(stdout.GetValue<string>());
    }

    public sealed class ServerFixture : IAsyncLifetime
    {
        internal RuntimeServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await RuntimeServer.StartAsync(
            modulePath: Directory.Exists(RepositoryPaths.Conformance) ? RepositoryPaths.Conformance : null);

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
