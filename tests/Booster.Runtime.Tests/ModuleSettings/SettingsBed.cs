using System.Net;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// A runtime whose module folder holds a <c>booster.yaml</c> (found there by default) and the
/// modules named; the C probe (Guests/settingsprobe.c) reports what a guest could do, one line
/// per operation.
/// </summary>
internal static class SettingsBed
{
    private static readonly Lazy<byte[]> Probe = new(() => WasiToolchain.Compile("settingsprobe.c"));

    /// <summary>The probe's bytes; skips, saying why, when the C toolchain is missing.</summary>
    public static byte[] ProbeWasm => Probe.Value;

    /// <param name="wat">WAT modules written before start: name → text.</param>
    /// <param name="probes">Names under which the C probe is served.</param>
    public static async Task<RuntimeServer> StartAsync(string yaml, IReadOnlyDictionary<string, string>? wat = null, string[]? probes = null,
        Func<RuntimeSettings, RuntimeSettings>? configure = null, DataImportSettings? dataImports = null)
    {
        var probe = probes is { Length: > 0 } ? ProbeWasm : null;
        var files = (wat ?? new Dictionary<string, string>()).ToDictionary(m => m.Key + ".wat", m => m.Value);
        files["booster.yaml"] = yaml;
        var server = await RuntimeServer.StartAsync(files, configure, dataImports: dataImports);
        foreach (var name in probes ?? []) server.Modules.Write(name + ".wasm", probe!);
        foreach (var name in probes ?? []) await server.WaitForModuleAsync(name);
        return server;
    }

    /// <summary>Runs the probe's operations; the run must complete; returns its stdout lines.</summary>
    public static async Task<string[]> ProbeAsync(this RuntimeServer server, string module, object? extra, params string[] operations)
    {
        var body = new JsonObject { ["args"] = new JsonArray([.. operations.Select(o => JsonValue.Create(o))]) };
        if (extra is not null)
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(extra)!.AsObject()) body[key] = value?.DeepClone();
        var response = await server.PostRunAsync(body, module);
        var json = await response.JsonAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.ToJsonString());
        return json["stdout"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Rewrites booster.yaml as a ConfigMap update or an editor's save would: aside, then renamed over it.</summary>
    public static void WriteSettings(this RuntimeServer server, string yaml) => server.Modules.Replace("booster.yaml", yaml);

    /// <summary>GET /modules.</summary>
    public static async Task<JsonObject> ModulesAsync(this RuntimeServer server) =>
        await (await server.Client.GetAsync("/modules")).JsonAsync();

    public static async Task<JsonObject> SettingsOfAsync(this RuntimeServer server, string module) =>
        (JsonObject)(await server.ModulesAsync())["modules"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == module)!["settings"]!;
}
