using Booster.Runtime.Modules;
using Booster.Runtime.ModuleSettings;
using Booster.Runtime.Observability;

namespace Booster.Runtime.Http;

/// <summary>
/// <c>GET /modules</c>: what is loaded, from which bytes, where its code came from, which one
/// is the default, the settings its runs get — and which files are not served, with the reason,
/// and why the settings file was refused, when it was.
/// </summary>
internal static class ModuleEndpoints
{
    public static IEndpointRouteBuilder MapModuleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/modules", (ModuleStore store, ModuleProfiles profiles) =>
        {
            var defaultName = store.Default?.Name;
            var settings = profiles.Current;
            var modules = store.All
                .Select(m => new ModuleInfo(m.Name, m.SizeBytes, m.Sha256, m.FileModifiedAt, m.LoadedAt,
                    Math.Round(m.CompileTime.TotalMilliseconds, 3), CodeText(m.Origin), m.Name == defaultName)
                {
                    Settings = ModuleSettingsViews.Of(profiles.For(m.Name), settings.Named.ContainsKey(m.Name)),
                    Tier = RuntimeMetrics.TierLabel(m.Tier),
                    Kind = m.Kind,
                })
                .ToList();
            var rejected = store.Rejected
                .Select(r => new RejectedFile(Path.GetFileName(r.FilePath), r.Name, r.Reason, r.Sha256, r.RejectedAt))
                .ToList();
            var absent = settings.Named.Keys.Where(name => store.Find(name) is null).Order(StringComparer.Ordinal).ToList();
            return ApiResults.Json(new ModuleList(defaultName, modules, rejected)
            {
                SettingsError = settings.Error,
                SettingsForAbsentModules = absent,
            }, ResponseJson.Api.ModuleList);
        });
        return app;
    }

    /// <summary>The <c>code</c> field: compiled, cache (read from BOOSTER_CACHE_PATH) or shared (an identical module's).</summary>
    public static string CodeText(CodeOrigin origin) => origin switch
    {
        CodeOrigin.Cache => "cache",
        CodeOrigin.Shared => "shared",
        _ => "compiled",
    };
}
