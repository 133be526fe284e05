using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Execution.Wasi;
using Booster.Runtime.Tests.Support;
using Wasmtime;

namespace Booster.Runtime.Tests.Execution;

/// <summary>
/// Instantiation from a prepared module behaves as the .NET API's: the same module runs again
/// and again from one prepared form, exits and traps come out as the .NET API's exceptions,
/// and a disposed module is refused rather than handed to Wasmtime as a freed pointer.
/// </summary>
public class PreparedModulesTests
{
    private static void Run(WasmEngine engine, Module module, GuestState guest)
    {
        using var store = new Store(engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        store.SetData(guest);
        store.SetEpochDeadline(WasmEngine.TicksFor(TimeSpan.FromSeconds(10)));
        engine.Prepared.RunStart(store, module);
    }

    [Fact]
    public void AModuleRunsAgainAndAgainFromOnePreparedForm()
    {
        using var engine = new WasmEngine(new RuntimeSettings().Memory);
        using var module = Module.FromText(engine.Engine, "hi", Wat.Prints("hi"));

        for (var i = 0; i < 3; i++)
        {
            using var guest = new GuestState(null, 1024, TimeSpan.FromSeconds(10));
            Run(engine, module, guest);
            guest.Stdout.ToText().Should().Be("hi");
        }
    }

    [Fact]
    public void ExitsAndTrapsComeOutAsTheDotNetApiThrowsThem()
    {
        using var engine = new WasmEngine(new RuntimeSettings().Memory);
        using var exits = Module.FromText(engine.Engine, "exits", Wat.Exits(3));
        using var traps = Module.FromText(engine.Engine, "traps", Wat.PrintsThenTraps("x"));
        using var guest = new GuestState(null, 1024, TimeSpan.FromSeconds(10));

        FluentActions.Invoking(() => Run(engine, exits, guest)).Should().Throw<WasmtimeException>().Which.ExitCode.Should().Be(3);
        FluentActions.Invoking(() => Run(engine, traps, guest)).Should().Throw<TrapException>().Which.Type.Should().Be(TrapCode.Unreachable);
    }

    [Fact]
    public void ADisposedModuleIsRefused()
    {
        using var engine = new WasmEngine(new RuntimeSettings().Memory);
        var module = Module.FromText(engine.Engine, "gone", Wat.Prints("x"));
        module.Dispose();
        using var guest = new GuestState(null, 1024, TimeSpan.FromSeconds(10));

        FluentActions.Invoking(() => Run(engine, module, guest)).Should().Throw<ObjectDisposedException>();
    }
}
