using Booster.Runtime.Capacity;
using Booster.Runtime.Configuration;
using Booster.Runtime.DataImports;
using Booster.Runtime.ModuleSettings;

namespace Booster.Runtime.Http;

/// <summary><c>GET /info</c>: effective configuration, Wasmtime version and allocator, vm.max_map_count, where the module settings come from.</summary>
internal static class InfoEndpoints
{
    public static IEndpointRouteBuilder MapInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/info", (EffectiveConfiguration config, PoolSize poolSize, DataImportHost dataImports, ModuleProfiles profiles) => ApiResults.Json(
            new InfoResponse(RuntimeVersion, config.Wasmtime["version"], config.Wasmtime["allocator"], config.VmMaxMapCount,
                new PoolInfo(poolSize.Requested, poolSize.Effective, poolSize.LimitedBy, poolSize.FitByMaps,
                    poolSize.FitByAddressSpace, poolSize.Cost.Maps, poolSize.Cost.AddressSpaceBytes),
                config.Variables, config.Wasmtime) { DataImports = dataImports.Info, ModuleSettings = ModuleSettingsViews.Info(profiles) },
            ResponseJson.Api.InfoResponse));
        return app;
    }

    private static readonly string RuntimeVersion =
        typeof(InfoEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
