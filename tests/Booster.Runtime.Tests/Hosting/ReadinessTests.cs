using Booster.Runtime.Hosting;
using Booster.Runtime.Modules;

namespace Booster.Runtime.Tests.Hosting;

public class ReadinessTests
{
    [Fact]
    public void NotReadyWithoutAModuleAndNotReadyOnceDraining()
    {
        var readiness = new Readiness(new ModuleStore(configuredDefault: null));

        readiness.Check().Should().Be((false, "no module is loaded yet"));
        readiness.BeginDraining();
        readiness.Draining.Should().BeTrue();
        readiness.Check().Ready.Should().BeFalse();
        readiness.Check().Reason.Should().Contain("draining");
    }

    [Fact]
    public void AConfiguredDefaultThatIsNotLoadedIsNamed() =>
        new Readiness(new ModuleStore("hello")).Check().Reason.Should().Be("the default module 'hello' is not loaded");
}
