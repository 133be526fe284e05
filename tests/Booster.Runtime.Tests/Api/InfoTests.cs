using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Booster.Contract;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Api;

public class InfoTests
{
    [Fact]
    public async Task InfoReportsTheEffectiveConfigurationWasmtimeAndTheMapCount()
    {
        await using var server = await RuntimeServer.StartAsync(configure: s => s with
        {
            PoolMax = 5,
            Memory = WasmtimeMemorySettings.Resolve(false, null, 1UL << 30, null),
        });

        var info = (await server.Client.GetFromJsonAsync<JsonObject>("/info"))!;

        info["wasmtime_version"]!.GetValue<string>().Should().Be("50.0.1");
        info["allocator"]!.GetValue<string>().Should().StartWith("on-demand");
        var config = info["config"]!.AsObject();
        config.Select(p => p.Key).Should().BeEquivalentTo(BoosterVariables.All);
        config[BoosterVariables.PoolMax]!.GetValue<string>().Should().Be("5");
        config[BoosterVariables.WasmtimeTuneDefaults]!.GetValue<string>().Should().Be("false");
        config[BoosterVariables.WasmtimeMemoryReservation]!.GetValue<string>().Should().Be("1073741824");
        config[BoosterVariables.WasmtimeMemoryGuardSize]!.GetValue<string>().Should().Be("upstream default");
        info["wasmtime"]!["memory_reservation"]!.GetValue<string>().Should().Be("1073741824");
        var maps = File.Exists("/proc/sys/vm/max_map_count") ? long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
        info["vm_max_map_count"]?.GetValue<long>().Should().Be(maps);
    }
}
