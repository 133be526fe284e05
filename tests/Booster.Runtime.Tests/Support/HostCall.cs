using Wasmtime;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Runs a guest whose export <c>run</c> calls the host function <c>host.probe</c>, so that a test
/// can look at what a host function sees (its <see cref="Caller"/>) on a real Store.
/// </summary>
internal static class HostCall
{
    /// <summary>A guest of one 64 KiB page exporting <c>memory</c>, with <paramref name="data"/> at address 0.</summary>
    public static string WithMemory(string data = "", int pages = 1) => $$"""
        (module
          (import "host" "probe" (func $probe))
          (memory (export "memory") {{pages}})
          (data (i32.const 0) "{{data}}")
          (func (export "run") (call $probe)))
        """;

    public const string WithoutMemory = """(module (import "host" "probe" (func $probe)) (func (export "run") (call $probe)))""";

    public static void Run(string wat, Action<Caller> probe)
    {
        using var engine = new Engine();
        using var module = Module.FromText(engine, "probe", wat);
        using var linker = new Linker(engine);
        using var store = new Store(engine);
        linker.DefineFunction("host", "probe", (Caller caller) => probe(caller));
        linker.Instantiate(store, module).GetAction("run")!();
    }
}
