using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution.Wasi;

/// <summary>
/// A guest that misuses Wasmtime's own WASI functions (an exit status out of range, a pointer
/// outside memory, no exported memory) is answered as the guest's trap, never as the server's
/// internal error: a guest must not be able to raise the server's error rate or its error log.
/// </summary>
public class GuestFaultTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Guests = new()
    {
        ["exit-200"] = """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $proc_exit (i32.const 200))))
            """,
        ["random-past-end"] = """
            (module
              (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start") (drop (call $random_get (i32.const 65530) (i32.const 100)))))
            """,
        ["no-memory-export"] = """
            (module
              (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
              (memory 1)
              (func (export "_start") (drop (call $fdstat (i32.const 1) (i32.const 0)))))
            """,
    };

    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(Guests.ToDictionary(g => g.Key + ".wat", g => g.Value));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("exit-200", "exit status")]
    [InlineData("random-past-end", "out of bounds")]
    [InlineData("no-memory-export", "memory export")]
    public async Task AMisusedWasiCallIsTheGuestsTrap(string module, string cause)
    {
        var response = await _server.PostRunAsync(module: module);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var error = await response.ErrorAsync();
        error.Code.Should().Be("trap");
        error.Message.Should().Contain(cause);
    }
}
