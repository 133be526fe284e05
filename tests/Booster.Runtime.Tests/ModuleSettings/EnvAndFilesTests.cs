using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.ModuleSettings;

/// <summary>
/// env and files with the C probe: a module's variables win over the request's; its folder is
/// readable and nothing else — no writing, appending, creating or removing, no way out by
/// <c>..</c> or a symlink — while a module without the setting sees no folder at all.
/// </summary>
public sealed class EnvAndFilesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("booster-files-").FullName;
    private RuntimeServer _server = null!;

    private string Config => Path.Combine(_root, "config");
    private string Secret => Path.Combine(_root, "secret.txt");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Config, "sub"));
        File.WriteAllText(Path.Combine(Config, "a.txt"), "hello from config");
        File.WriteAllText(Path.Combine(Config, "sub", "b.txt"), "nested");
        File.WriteAllText(Secret, "TOP SECRET");
        File.CreateSymbolicLink(Path.Combine(Config, "relative-link"), "../secret.txt");
        File.CreateSymbolicLink(Path.Combine(Config, "absolute-link"), Secret);
        File.CreateSymbolicLink(Path.Combine(Config, "inside-link"), "sub/b.txt");
        _server = await SettingsBed.StartAsync($"""
            modules:
              reader:
                env: {"{"}GREETING: hi, NAME: from-settings{"}"}
                files:
                  - path: {Config}
                    guestPath: /config
            """, probes: ["reader", "plain"]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task AModulesVariablesWinOverTheRequestsAndOtherVariablesPass()
    {
        var request = new { name = "from-request", env = new { GREETING = "override", OTHER = "x" } };

        (await _server.ProbeAsync("reader", request, "env", "GREETING", "env", "NAME", "env", "OTHER"))
            .Should().Equal("env GREETING=hi", "env NAME=from-settings", "env OTHER=x");
        (await _server.ProbeAsync("plain", request, "env", "GREETING", "env", "NAME"))
            .Should().Equal("env GREETING=override", "env NAME=from-request");
    }

    [SkippableFact]
    public async Task TheModuleReadsItsFolder()
    {
        (await _server.ProbeAsync("reader", null, "read", "/config/a.txt", "read", "/config/sub/b.txt", "read", "/config/inside-link",
                "list", "/config"))
            .Should().Equal("read /config/a.txt ok: hello from config", "read /config/sub/b.txt ok: nested",
                "read /config/inside-link ok: nested", "list /config ok: 5 entries");
    }

    [SkippableFact]
    public async Task StdinStillReachesAModuleThatReadsFiles()
    {
        (await _server.ProbeAsync("reader", new { stdin = "piped in" }, "stdin", "-", "read", "/config/a.txt"))
            .Should().Equal("stdin: piped in", "read /config/a.txt ok: hello from config");
        (await _server.ProbeAsync("plain", new { stdin = "piped too" }, "stdin", "-")).Should().Equal("stdin: piped too");
    }

    [SkippableFact]
    public async Task WritingAppendingCreatingAndRemovingAreRefusedWithEperm()
    {
        var lines = await _server.ProbeAsync("reader", null, "write", "/config/a.txt", "append", "/config/a.txt",
            "create", "/config/new.txt", "mkdir", "/config/newdir", "unlink", "/config/a.txt");

        lines.Should().Equal("write /config/a.txt errno=63 EPERM", "append /config/a.txt errno=63 EPERM",
            "create /config/new.txt errno=63 EPERM", "mkdir /config/newdir errno=63 EPERM", "unlink /config/a.txt errno=63 EPERM");
        File.ReadAllText(Path.Combine(Config, "a.txt")).Should().Be("hello from config");
        Directory.EnumerateFileSystemEntries(Config).Should().HaveCount(5);
    }

    [SkippableFact]
    public async Task TheGuestCannotLeaveItsFolderByDotDotOrBySymlink()
    {
        var lines = await _server.ProbeAsync("reader", null, "read", "/config/../secret.txt", "read", "/config/sub/../../secret.txt",
            "read", "/config/relative-link", "read", "/config/absolute-link", "read", Secret, "list", "/config/..");

        string.Join("\n", lines).Should().NotContain("TOP SECRET").And.NotContain(" ok");
        lines.Should().Equal("read /config/../secret.txt errno=63 EPERM", "read /config/sub/../../secret.txt errno=63 EPERM",
            "read /config/relative-link errno=63 EPERM", "read /config/absolute-link errno=63 EPERM",
            $"read {Secret} errno=76 ENOTCAPABLE", "list /config/.. errno=63 EPERM");
    }

    [SkippableFact]
    public async Task AModuleWithoutFilesSeesNoFolder() =>
        (await _server.ProbeAsync("plain", null, "read", "/config/a.txt", "list", "/config"))
            .Should().Equal("read /config/a.txt errno=76 ENOTCAPABLE", "list /config errno=76 ENOTCAPABLE");

    [SkippableFact]
    public async Task ModulesShowsTheFolderAndTheVariableNamesButNotTheirValues()
    {
        var reader = await _server.SettingsOfAsync("reader");

        reader["env"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("GREETING", "NAME");
        reader["files"]![0]!["guest_path"]!.GetValue<string>().Should().Be("/config");
        reader["files"]![0]!["path"]!.GetValue<string>().Should().Be(Config);
        reader.ToJsonString().Should().NotContain("from-settings");
    }
}
