using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Hosting;
using Booster.Runtime.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// The real runtime (Kestrel, Wasmtime) on a free loopback port, serving a private
/// temporary module directory. One per test or per class; disposing stops it.
/// </summary>
internal sealed class RuntimeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _cacheDirectory;

    public ModuleDirectory Modules { get; }
    public HttpClient Client { get; }
    public RuntimeSettings Settings { get; }
    public IServiceProvider Services => _app.Services;

    private RuntimeServer(WebApplication app, ModuleDirectory modules, RuntimeSettings settings, string cacheDirectory)
    {
        _app = app;
        _cacheDirectory = cacheDirectory;
        Modules = modules;
        Settings = settings;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <param name="modules">Module files to write before start: name with extension → content.</param>
    /// <param name="configure">Changes to the default settings (module path, a private compiled-code cache and the listen address
    /// are set here; the drain delay is 0 unless set, so that stopping takes no longer than the runs in flight).</param>
    /// <param name="waitForFirstScan">False to return as soon as the server listens, before its modules are loaded.</param>
    public static async Task<RuntimeServer> StartAsync(
        IReadOnlyDictionary<string, string>? modules = null,
        Func<RuntimeSettings, RuntimeSettings>? configure = null,
        string? modulePath = null,
        DataImportSettings? dataImports = null,
        bool waitForFirstScan = true)
    {
        var directory = new ModuleDirectory();
        foreach (var (file, content) in modules ?? new Dictionary<string, string>()) directory.Write(file, content);

        // Each server has a cache of its own, so no test reads code another one wrote.
        var cache = Directory.CreateTempSubdirectory("booster-cache-").FullName;
        var settings = (configure ?? (s => s))(new RuntimeSettings { ModulePath = directory.Path, CachePath = cache, DrainDelayMs = 0 }) with
        {
            Listen = "http://127.0.0.1:0",
        };
        if (modulePath is not null) settings = settings with { ModulePath = modulePath };

        var app = RuntimeApp.Build(settings, dataImportSettings: dataImports);
        await app.StartAsync();
        if (waitForFirstScan) await app.Services.GetRequiredService<ModuleWatcher>().InitialScan.WaitAsync(TimeSpan.FromSeconds(60));
        return new RuntimeServer(app, directory, settings, cache);
    }

    public Task<HttpResponseMessage> PostRunAsync(object? body = null, string? module = null) =>
        Client.PostAsJsonAsync(module is null ? "/run" : $"/modules/{module}/run", body ?? new { });

    public Task<HttpResponseMessage> PostRawAsync(string path, string content, string contentType = "application/json") =>
        Client.PostAsync(path, new StringContent(content, System.Text.Encoding.UTF8, contentType));

    /// <summary>Waits until the module of that name is served with a file whose sha256 differs from <paramref name="notSha"/>.</summary>
    public async Task WaitForModuleAsync(string name, string? notSha = null, bool present = true)
    {
        var store = Services.GetRequiredService<ModuleStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var module = store.Find(name);
            if (present ? module is not null && module.Sha256 != notSha : module is null) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"module {name} did not become {(present ? "loaded" : "absent")} in time");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Modules.Dispose();
        try { Directory.Delete(_cacheDirectory, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

/// <summary>A temporary directory of module files, deleted on dispose.</summary>
internal sealed class ModuleDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("booster-modules-").FullName;

    public string Write(string file, string content)
    {
        var path = System.IO.Path.Combine(Path, file);
        File.WriteAllText(path, content);
        return path;
    }

    public string Write(string file, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, file);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Replaces a file the way deployment tools do: write aside, then rename over it.</summary>
    public void Replace(string file, string content)
    {
        var temp = System.IO.Path.Combine(Path, "." + file + ".tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, System.IO.Path.Combine(Path, file), overwrite: true);
    }

    public void Delete(string file) => File.Delete(System.IO.Path.Combine(Path, file));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

/// <summary>Reading answers in tests.</summary>
internal static class ResponseExtensions
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("the body is not a JSON object");

    public static async Task<(string Code, string Message)> ErrorAsync(this HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return (json["error"]!["code"]!.GetValue<string>(), json["error"]!["message"]!.GetValue<string>());
    }
}

internal static class RuntimeServerProbes
{
    /// <summary>Executions holding a slot right now.</summary>
    public static int InFlight(this RuntimeServer server) =>
        server.Services.GetRequiredService<Booster.Runtime.Execution.ExecutionGate>().InFlight;
}

internal static class RuntimeServiceLookups
{
    public static Booster.Runtime.Modules.LoadedModule GetModule(this IServiceProvider services, string name) =>
        services.GetRequiredService<ModuleStore>().Find(name) ?? throw new InvalidOperationException($"{name} is not loaded");
}
