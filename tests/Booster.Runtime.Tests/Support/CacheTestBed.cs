using System.Security.Cryptography;
using System.Text;
using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules.Cache;
using Booster.Runtime.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// What the compiled-code cache tests share: a real engine, a private cache folder (deleted on
/// dispose), metrics of their own, and real modules compiled from text with their cache keys.
/// </summary>
internal sealed class CacheTestBed : IDisposable
{
    public WasmEngine Engine { get; } = new(WasmtimeMemorySettings.Tuned, warmRegions: 0);
    public string Root { get; } = Directory.CreateTempSubdirectory("booster-cache-test-").FullName;
    public RuntimeMetrics Metrics { get; } = new(new ExecutionGate(1, 1, TimeSpan.FromSeconds(1)), 1, 1);

    private readonly string _fingerprint = CacheKey.EngineFingerprint(WasmEngine.WasmtimeVersion, WasmtimeMemorySettings.Tuned);

    public CompiledCodeCache NewCache(long maxBytes) => new(Root, maxBytes, Metrics, NullLogger<CompiledCodeCache>.Instance);

    /// <summary>A module printing <paramref name="text"/>, and the key the runtime would cache it under.</summary>
    public (CacheKey Key, Module Module) Compile(string text)
    {
        var wat = Wat.Prints(text);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wat)));
        return (CacheKey.For(sha, isText: true, _fingerprint), Module.FromText(Engine.Engine, text, wat));
    }

    public void Dispose()
    {
        Engine.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
