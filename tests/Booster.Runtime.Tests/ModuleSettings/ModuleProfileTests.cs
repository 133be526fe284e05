using Booster.Contract;
using Booster.Runtime.DataImports;
using Booster.Runtime.ModuleSettings;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>A module's profile: its settings over the runtime's; where the settings file is looked for.</summary>
public class ModuleProfileTests
{
    private static readonly RuntimeSettings Runtime = new() { TimeoutMs = 9000, MaxMemoryBytes = 64 << 20, MaxOutputBytes = 4096 };
    private static readonly DataImportGrant NoImports = new(null, null, null);

    [Fact]
    public void WhatTheSettingsDoNotSetIsTheRuntimes()
    {
        var profile = new ModuleProfile(ModuleEntry.Unset with { TimeoutMs = 100 }, Runtime, NoImports, null);

        profile.TimeoutMs.Should().Be(100);
        profile.MaxMemoryBytes.Should().Be(64 << 20);
        profile.MaxOutputBytes.Should().Be(4096);
        profile.Slots.Should().BeNull();
    }

    [Fact]
    public void TheModulesVariablesReplaceTheRequestsOfTheSameNameOnly()
    {
        var profile = new ModuleProfile(ModuleEntry.Unset with { Env = [new("A", "module"), new("NAME", "module")] }, Runtime, NoImports, null);

        Text(profile.EnvironmentFor([new("NAME", "request"), new("B", "request"), new("A", "request")]))
            .Should().Equal("B=request", "A=module", "NAME=module");
        Text(new ModuleProfile(ModuleEntry.Unset, Runtime, NoImports, null).EnvironmentFor([new("A", "request")]))
            .Should().Equal("A=request");
    }

    private static List<string> Text(IReadOnlyList<KeyValuePair<string, string>> env) => env.Select(v => $"{v.Key}={v.Value}").ToList();

    [Fact]
    public void APrefixedGrantPutsThePrefixBeforeEveryKey()
    {
        new DataImportGrant(null, "tenant:", null).Key("k").Should().Be("tenant:k");
        NoImports.Key("k").Should().Be("k");
    }

    [Fact]
    public void TheFileIsTheNamedOneOrBoosterYamlInTheModuleFolder()
    {
        var folder = Directory.CreateTempSubdirectory("booster-source-").FullName;
        try
        {
            ModuleSettingsSource.Resolve(new RuntimeSettings { ModulePath = folder, ModulesConfig = "/etc/booster/settings.yaml" })
                .Should().Be(new ModuleSettingsSource("/etc/booster/settings.yaml", Named: true));
            var byDefault = ModuleSettingsSource.Resolve(new RuntimeSettings { ModulePath = folder });
            byDefault.Should().Be(new ModuleSettingsSource(Path.Combine(folder, "booster.yaml"), Named: false));
            byDefault.Read().Should().Be(((string?)null, (string?)null, (string?)null), "an absent default file means no settings");
            ModuleSettingsSource.Resolve(new RuntimeSettings { ModulePath = Path.Combine(folder, "one.wasm") }).FilePath.Should().BeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
