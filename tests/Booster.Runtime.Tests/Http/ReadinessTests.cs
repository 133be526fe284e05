using Booster.Runtime.Http;
using Booster.Runtime.Modules;

namespace Booster.Runtime.Tests.Http;

public class ReadinessTests
{
    [Fact]
    public void NotReadyWithoutAModuleAndNotReadyOnceDraining()
    {
        var scan = new FirstScan();
        scan.Finish();
        var readiness = new Readiness(new ModuleStore(configuredDefault: null), scan);

        readiness.Check().Should().Be((false, "no module is loaded yet"));
        readiness.BeginDraining();
        readiness.Draining.Should().BeTrue();
        readiness.Check().Ready.Should().BeFalse();
        readiness.Check().Reason.Should().Contain("draining");
    }

    [Fact]
    public void AConfiguredDefaultThatIsNotLoadedIsNamed()
    {
        var scan = new FirstScan();
        scan.Finish();
        new Readiness(new ModuleStore("hello"), scan).Check().Reason.Should().Be("the default module 'hello' is not loaded");
    }

    [Fact]
    public void NotReadyUntilTheFirstScanHasSettledEveryFileEvenWithADefaultLoaded()
    {
        using var engine = new Booster.Runtime.Execution.WasmEngine(Booster.Contract.WasmtimeMemorySettings.Tuned);
        var store = new ModuleStore(configuredDefault: null);
        var scan = new FirstScan();
        var readiness = new Readiness(store, scan);
        readiness.Check().Reason.Should().Be("the first scan of the module path has not listed its files yet");

        scan.Listed(72);
        for (var i = 0; i < 9; i++) scan.FileSettled();
        store.Set(new LoadedModule("hello", Wasmtime.Module.FromText(engine.Engine, "hello", "(module)"), "/m/hello.wat", 8, "00",
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, TimeSpan.Zero, CodeOrigin.Compiled));

        readiness.Check().Should().Be((false, "the first scan of the module path is loading: 9 of 72 files settled"));
        scan.Finish();
        readiness.Check().Should().Be((true, (string?)null));
    }
}
