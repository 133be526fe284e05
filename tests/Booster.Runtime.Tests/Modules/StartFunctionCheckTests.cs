using Booster.Contract;
using Booster.Runtime.Execution;
using Booster.Runtime.Modules;
using Wasmtime;

namespace Booster.Runtime.Tests.Modules;

public sealed class StartFunctionCheckTests : IDisposable
{
    private readonly WasmEngine _engine = new(WasmtimeMemorySettings.Tuned, warmRegions: 0);

    [Theory]
    [InlineData("(func (export \"_start\"))", null)]
    [InlineData("", "it does not export _start: only WASI command modules can be run")]
    [InlineData("(global (export \"_start\") i32 (i32.const 0))", "its _start export is a global, not a function; _start must be a function of type () -> ()")]
    [InlineData("(memory (export \"_start\") 1)", "its _start export is a memory, not a function; _start must be a function of type () -> ()")]
    [InlineData("(table (export \"_start\") 1 funcref)", "its _start export is a table, not a function; _start must be a function of type () -> ()")]
    [InlineData("(func (export \"_start\") (param i32 i64))", "its _start is a function of type (i32, i64) -> (); _start must be a function of type () -> ()")]
    [InlineData("(func (export \"_start\") (result i32) (i32.const 0))", "its _start is a function of type () -> (i32); _start must be a function of type () -> ()")]
    public void StartMustBeAFunctionWithoutParametersOrResults(string declarations, string? reason)
    {
        using var module = Module.FromText(_engine.Engine, "m", $"(module {declarations})");

        StartFunctionCheck.Check(module).Should().Be(reason);
    }

    public void Dispose() => _engine.Dispose();
}
