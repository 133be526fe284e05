using Booster.Contract;

namespace Booster.Contract.Tests;

public class RuntimeSettingsParserTests
{
    private static SettingsParseResult Parse(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return RuntimeSettingsParser.Parse(name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void AnEmptyEnvironmentGivesEveryDocumentedDefault()
    {
        var result = Parse();
        result.Errors.Should().BeEmpty();
        result.Settings.Should().BeEquivalentTo(new
        {
            PoolMax = 8,
            QueueMax = 4096,
            QueueTimeoutMs = 30000,
            DrainDelayMs = 5000,
            ModulePath = "./modules",
            DefaultModule = (string?)null,
            MaxOutputBytes = 1048576L,
            TimeoutMs = 10000,
            MaxMemoryBytes = 268435456L,
            Listen = "http://0.0.0.0:2678",
        });
        result.Settings!.Memory.Should().Be(new WasmtimeMemorySettings(true, 65536, 0, 1048576));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("no")]
    [InlineData("NO")]
    public void OnlyTheSeedsFalseValuesRestoreUpstreamDefaults(string value)
    {
        var memory = Parse((BoosterVariables.WasmtimeTuneDefaults, value)).Settings!.Memory;
        memory.Should().Be(new WasmtimeMemorySettings(false, null, null, null));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("False")]
    [InlineData("off")]
    public void EveryOtherValueKeepsTheTunedDefaults(string value)
    {
        var memory = Parse((BoosterVariables.WasmtimeTuneDefaults, value)).Settings!.Memory;
        memory.Should().Be(WasmtimeMemorySettings.Tuned);
    }

    [Fact]
    public void AnUnusualSpellingOfTheFlagIsWarnedAbout()
    {
        Parse((BoosterVariables.WasmtimeTuneDefaults, "False")).Warnings.Should().ContainSingle()
            .Which.Should().Contain(BoosterVariables.WasmtimeTuneDefaults).And.Contain("stay on");
        Parse((BoosterVariables.WasmtimeTuneDefaults, "true")).Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void ExplicitMemorySettingsWinWhateverTheFlagSays(string tune)
    {
        var memory = Parse(
            (BoosterVariables.WasmtimeTuneDefaults, tune),
            (BoosterVariables.WasmtimeMemoryGuardSize, "2Mi"),
            (BoosterVariables.WasmtimeMemoryReservation, "1Gi"),
            (BoosterVariables.WasmtimeMemoryReservationForGrowth, "4096")).Settings!.Memory;
        memory.GuardSize.Should().Be(2UL << 20);
        memory.Reservation.Should().Be(1UL << 30);
        memory.ReservationForGrowth.Should().Be(4096);
    }

    [Fact]
    public void OneExplicitSettingLeavesTheOthersAtTheirTunedOrUpstreamValue()
    {
        Parse((BoosterVariables.WasmtimeMemoryReservation, "64Mi")).Settings!.Memory
            .Should().Be(new WasmtimeMemorySettings(true, 65536, 64UL << 20, 1048576));
        Parse((BoosterVariables.WasmtimeTuneDefaults, "no"), (BoosterVariables.WasmtimeMemoryReservation, "64Mi")).Settings!.Memory
            .Should().Be(new WasmtimeMemorySettings(false, null, 64UL << 20, null));
    }

    [Theory]
    [InlineData(BoosterVariables.PoolMax, "0", "an integer from 1 to")]
    [InlineData(BoosterVariables.PoolMax, "eight", "an integer from 1 to")]
    [InlineData(BoosterVariables.PoolMax, "-3", "an integer from 1 to")]
    [InlineData(BoosterVariables.QueueMax, "1e3", "an integer from 0 to")]
    [InlineData(BoosterVariables.QueueTimeoutMs, "30s", "an integer from 0 to")]
    [InlineData(BoosterVariables.DrainDelayMs, "5s", "an integer from 0 to 300000")]
    [InlineData(BoosterVariables.DrainDelayMs, "300001", "an integer from 0 to 300000")]
    [InlineData(BoosterVariables.WasmtimeMemoryGuardSize, "64KB", ByteSize.AcceptedForm)]
    [InlineData(BoosterVariables.WasmtimeMemoryReservation, "1Ti", ByteSize.AcceptedForm)]
    [InlineData(BoosterVariables.WasmtimeMemoryReservationForGrowth, "lots", ByteSize.AcceptedForm)]
    [InlineData(BoosterVariables.WasmtimeMemoryReservation, "131072Gi", "to 65536Gi")]
    [InlineData(BoosterVariables.DefaultModule, "../etc/passwd", "a module name")]
    [InlineData(BoosterVariables.MaxOutputBytes, "1MB", ByteSize.AcceptedForm)]
    [InlineData(BoosterVariables.TimeoutMs, "0", "an integer from 1 to")]
    [InlineData(BoosterVariables.MaxMemoryBytes, "1Ki", "from 64Ki")]
    [InlineData(BoosterVariables.MaxRequestBytes, "big", ByteSize.AcceptedForm)]
    [InlineData(BoosterVariables.Listen, "2678", "an http URL")]
    [InlineData(BoosterVariables.Listen, "https://0.0.0.0:2678", "an http URL")]
    [InlineData(BoosterVariables.CacheMaxBytes, "2GB", ByteSize.AcceptedForm)]
    public void ABadValueGivesOneLineNamingTheVariableAndTheAcceptedForm(string name, string value, string form)
    {
        var result = Parse((name, value));
        result.Settings.Should().BeNull();
        var line = result.Errors.Should().ContainSingle().Subject;
        line.Should().StartWith($"{name}='{value}' is invalid: expected ").And.Contain(form).And.NotContain("\n");
    }

    [Fact]
    public void TheCacheIsUnderTheTemporaryDirectoryUnlessAPathIsGivenAndItsBoundParsesAsASize()
    {
        Parse().Settings!.CachePath.Should().BeNull();
        var settings = Parse((BoosterVariables.CachePath, "/booster/cache"), (BoosterVariables.CacheMaxBytes, "512Mi")).Settings!;
        settings.CachePath.Should().Be("/booster/cache");
        settings.CacheMaxBytes.Should().Be(512L << 20);
        Parse((BoosterVariables.CacheMaxBytes, "0")).Settings!.CacheMaxBytes.Should().Be(0);
    }

    [Fact]
    public void EveryBadValueIsReportedNotOnlyTheFirst()
    {
        var result = Parse((BoosterVariables.PoolMax, "x"), (BoosterVariables.TimeoutMs, "y"));
        result.Errors.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://*:2678")]
    [InlineData("http://+:2678")]
    [InlineData("http://[::]:2678")]
    public void ListenAcceptsWhatKestrelAccepts(string url) =>
        Parse((BoosterVariables.Listen, url)).Settings!.Listen.Should().Be(url);
}

public class RuntimeEnvironmentTests
{
    public static TheoryData<RuntimeSettings> Settings() => new()
    {
        new RuntimeSettings(),
        new RuntimeSettings
        {
            PoolMax = 3, QueueMax = 0, QueueTimeoutMs = 5, ModulePath = "/modules/hello.wasm", DefaultModule = "hello",
            MaxOutputBytes = 0, TimeoutMs = 1, MaxMemoryBytes = 65536, MaxRequestBytes = 2048, Listen = "http://127.0.0.1:9000",
            Memory = WasmtimeMemorySettings.Resolve(false, null, 8UL << 30, null),
        },
        new RuntimeSettings { Memory = WasmtimeMemorySettings.Resolve(false, null, null, null) },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheVariablesParseBackToTheSameSettings(RuntimeSettings settings)
    {
        var env = RuntimeEnvironment.ToVariables(settings).ToDictionary(v => v.Key, v => v.Value);
        var parsed = RuntimeSettingsParser.Parse(env.GetValueOrDefault);
        parsed.Errors.Should().BeEmpty();
        parsed.Settings.Should().Be(settings);
    }

    [Fact]
    public void UpstreamMemoryDefaultsAreNotWritten()
    {
        var env = RuntimeEnvironment.ToVariables(new RuntimeSettings { Memory = WasmtimeMemorySettings.Resolve(false, null, null, null) });
        env.Select(v => v.Key).Should().NotContain(BoosterVariables.WasmtimeMemoryGuardSize)
            .And.NotContain(BoosterVariables.WasmtimeMemoryReservation)
            .And.Contain(BoosterVariables.WasmtimeTuneDefaults);
        env.Single(v => v.Key == BoosterVariables.WasmtimeTuneDefaults).Value.Should().Be("false");
    }
}

public class BearerTokenSettingTests
{
    private static SettingsParseResult Parse(string token) =>
        RuntimeSettingsParser.Parse(name => name == BoosterVariables.AuthToken ? token : null);

    [Fact]
    public void ATokenIsReadWithoutTheNewlineASecretFileEndsWith() =>
        Parse("abcdefghijklmnopqrstuvwxyz\n").Settings!.AuthToken!.Value.Should().Be("abcdefghijklmnopqrstuvwxyz");

    [Theory]
    [InlineData("has space-inside-0123456789")]
    [InlineData("non-ascii-é-0123456789")]
    public void ATokenAHeaderCannotCarryIsRefusedWithoutShowingIt(string token)
    {
        var result = Parse(token);

        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Contain(BoosterVariables.AuthToken).And.NotContain("0123456789");
    }

    [Fact]
    public void AShortTokenIsWarnedAbout() =>
        Parse("tiny1").Warnings.Should().ContainSingle().Which.Should().Contain(BoosterVariables.AuthToken).And.NotContain("tiny1");

    [Fact]
    public void PrintedSettingsHideTheToken() =>
        Parse("abcdefghijklmnopqrstuvwxyz").Settings!.ToString().Should().NotContain("abcdefghijklmnopqrstuvwxyz");

    [Fact]
    public void TheTokenIsNeverWrittenOutAsAVariable() =>
        RuntimeEnvironment.ToVariables(Parse("abcdefghijklmnopqrstuvwxyz").Settings!).Select(v => v.Key).Should().NotContain(BoosterVariables.AuthToken);
}
