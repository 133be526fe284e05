using Booster.Runtime.Modules;

namespace Booster.Runtime.Http;

/// <summary><c>GET /modules</c>: what is loaded, from which bytes, and which one is the default.</summary>
internal static class ModuleEndpoints
{
    public static IEndpointRouteBuilder MapModuleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/modules", (ModuleStore store) =>
        {
            var defaultName = store.Default?.Name;
            var modules = store.All
                .Select(m => new ModuleInfo(m.Name, m.SizeBytes, m.Sha256, m.FileModifiedAt, m.LoadedAt,
                    Math.Round(m.CompileTime.TotalMilliseconds, 3), m.Name == defaultName))
                .ToList();
            return ApiResults.Json(new ModuleList(defaultName, modules), ResponseJson.Api.ModuleList);
        });
        return app;
    }
}
