using Booster.Runtime.Modules;

namespace Booster.Runtime.Tests.Modules;

public class ScanPlanTests
{
    private static readonly FileStamp Written = new(100, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void TheBinaryWinsOverTheTextFormatWhicheverIsListedFirst()
    {
        ScanPlan.For(["/m/hello.wasm", "/m/hello.wat"]).Files.Should().Equal([("hello", "/m/hello.wasm")]);
        ScanPlan.For(["/m/hello.wat", "/m/hello.wasm"]).Files.Should().Equal([("hello", "/m/hello.wasm")]);
    }

    [Fact]
    public void TheExtensionDecidesNotTheKind()
    {
        // A component is a .wasm file too, and a .wat file may be a component: the plan reads no
        // content, so a text-format component beside a binary module loses like any .wat file.
        var plan = ScanPlan.For(["/m/app.wat", "/m/app.WASM", "/m/tool.wat"]);

        plan.Files.Should().Equal([("app", "/m/app.WASM"), ("tool", "/m/tool.wat")]);
    }

    [Fact]
    public void AFileWithAnInvalidNameIsRefusedAndStillCountsAsPresent()
    {
        var plan = ScanPlan.For(["/m/bad name.wasm", "/m/good.wasm"]);

        plan.Files.Should().Equal([("good", "/m/good.wasm")]);
        plan.BadlyNamed.Should().Equal([("bad name", "/m/bad name.wasm")]);
        plan.Present.Should().BeEquivalentTo(["/m/bad name.wasm", "/m/good.wasm"]);
    }

    [Fact]
    public void AServedModuleWhoseFileWentIsRemoved()
    {
        var plan = ScanPlan.For(["/m/kept.wat"]);

        plan.Removed(["kept", "gone"]).Should().Equal("gone");
        plan.Unlisted(["/m/kept.wat", "/m/gone.wasm"]).Should().Equal("/m/gone.wasm");
    }

    [Fact]
    public void AnEmptyPathRemovesEverything() =>
        ScanPlan.For([]).Removed(["a", "b"]).Should().Equal("a", "b");

    [Fact]
    public void AFileLoadsWhenNewOrChangedAndNotWhileItLoads()
    {
        ScanPlan.NeedsLoad(Written, settled: null, loading: false).Should().BeTrue("never seen");
        ScanPlan.NeedsLoad(Written, settled: Written, loading: false).Should().BeFalse("this version is in force");
        ScanPlan.NeedsLoad(Written with { Size = 101 }, settled: Written, loading: false).Should().BeTrue("its size changed");
        ScanPlan.NeedsLoad(Written with { ModifiedAt = Written.ModifiedAt.AddSeconds(1) }, settled: Written, loading: false).Should().BeTrue("rewritten");
        ScanPlan.NeedsLoad(Written, settled: null, loading: true).Should().BeFalse("a load of it runs already");
    }

    [Fact]
    public void ATouchedFileWithTheSameBytesServesAlready()
    {
        var current = new LoadedModule("hello", null, "/m/hello.wasm", 8, "abc", Written.ModifiedAt, Written.ModifiedAt, TimeSpan.Zero, CodeOrigin.Compiled);

        ScanPlan.ServesAlready(current, "/m/hello.wasm", "abc").Should().BeTrue();
        ScanPlan.ServesAlready(current, "/m/hello.wasm", "abd").Should().BeFalse("the bytes changed");
        ScanPlan.ServesAlready(current, "/m/hello.wat", "abc").Should().BeFalse("another file now serves the name");
        ScanPlan.ServesAlready(null, "/m/hello.wasm", "abc").Should().BeFalse("nothing serves it yet");
    }
}
