using Booster.Runtime.DataImports;
using Booster.Runtime.ModuleSettings;

namespace Booster.Runtime.Http;

/// <summary>Module settings as the API shows them: values that shape runs, never a URL or a variable's value.</summary>
internal static class ModuleSettingsViews
{
    public static ModuleSettingsView Of(ModuleProfile profile, bool named) => new(
        named,
        profile.TimeoutMs,
        profile.MaxMemoryBytes,
        profile.MaxOutputBytes,
        profile.Slots?.Limit,
        profile.Env.Select(v => v.Key).ToList(),
        profile.Entry.Files.Select(f => new FileGrantView(f.Path, f.GuestPath)).ToList(),
        Of(profile.Entry.Redis),
        Of(profile.Entry.Postgres));

    private static ImportGrantView Of(ImportGrant grant) =>
        !grant.Allowed ? new("denied", null, null)
        : grant.UrlEnv is not null ? new("own", grant.UrlEnv, grant.KeyPrefix)
        : new("runtime", null, grant.KeyPrefix);

    public static ModuleSettingsInfo Info(ModuleProfiles profiles)
    {
        var current = profiles.Current;
        var state = current.Error is not null ? "refused" : current.Sha256 is null ? "none" : "applied";
        return new ModuleSettingsInfo(profiles.Source.Describe(), state, current.Sha256, current.AppliedAt,
            current.File.Modules.Count, current.Error, current.RefusedAt);
    }
}
