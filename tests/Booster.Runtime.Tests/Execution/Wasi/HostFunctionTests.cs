using System.Net;
using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution.Wasi;

/// <summary>
/// What Booster's host functions guarantee beyond agreeing with Wasmtime's WASI
/// (<see cref="WasiAgreementTests"/>): EFAULT with no side effect where Wasmtime traps or
/// half-acts, caps on iovecs and subscriptions, 2 GiB buffers, every ready subscription
/// reported, and the deadline holding inside poll_oneoff whatever the timeout.
/// </summary>
public class HostFunctionTests : IAsyncLifetime
{
    private const int OutputCap = 64;

    private static readonly Dictionary<string, string> Guests = new()
    {
        // An iovec array or a first buffer outside memory: EFAULT, and stdin is still all there.
        ["faults"] = WasiProbe.Command("""
            (call $num32 (call $fd_write (i32.const 1) (i32.const 0xfffffff8) (i32.const 2) (i32.const 300)))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 0xfffffff8) (i32.const 2) (i32.const 300)))
            (call $iovec (i32.const 200) (i32.const 1024) (i32.const 3))
            (call $iovec (i32.const 208) (i32.const 0x1ffff) (i32.const 10))
            (call $num32 (call $fd_write (i32.const 1) (i32.const 200) (i32.const 2) (i32.const 300)))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 2) (i32.const 300)))
            (call $iovec (i32.const 200) (i32.const 2000) (i32.const 100))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 300)))
            (call $out (i32.const 2000) (i32.load (i32.const 300)))
            """, "dup"),
        // The result address outside memory: EFAULT before reading stdin or writing output.
        ["result-fault"] = WasiProbe.Command("""
            (call $iovec (i32.const 200) (i32.const 2000) (i32.const 5))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 0xfffffff0)))
            (call $iovec (i32.const 208) (i32.const 1024) (i32.const 3))
            (call $num32 (call $fd_write (i32.const 1) (i32.const 208) (i32.const 1) (i32.const 0x20000)))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 300)))
            (call $out (i32.const 2000) (i32.load (i32.const 300)))
            """, "dup"),
        // More iovecs or subscriptions than the caps: EINVAL, before anything moves.
        ["caps"] = WasiProbe.Command("""
            (call $iovec (i32.const 0x10000) (i32.const 1024) (i32.const 3))
            (call $num32 (call $fd_write (i32.const 1) (i32.const 0x10000) (i32.const 1025) (i32.const 300)))
            (call $num32 (call $fd_write (i32.const 1) (i32.const 0x10000) (i32.const 1024) (i32.const 300)))
            (call $num32 (call $poll (i32.const 0) (i32.const 0) (i32.const 1025) (i32.const 300)))
            """, "abc"),
        // A 2 GiB + 64 KiB memory; one 2 GiB buffer read into and written from (to stderr).
        ["two-gib-buffers"] = WasiProbe.Command("""
            (if (i32.eq (memory.grow (i32.const 32768)) (i32.const -1)) (then unreachable))
            (call $iovec (i32.const 200) (i32.const 65536) (i32.const 0x80000000))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 300)))
            (call $num32 (i32.load (i32.const 300)))
            (call $num32 (call $fd_write (i32.const 2) (i32.const 200) (i32.const 1) (i32.const 300)))
            (call $num32 (i32.load (i32.const 300)))
            """),
        // Every subscription ready at the call is reported, the 10 s clock is not; stdin tells its bytes.
        ["poll-several"] = WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 11) (i32.const 0) (i32.const 1) (i64.const 0) (i32.const 0))
            (call $sub (i32.const 1) (i64.const 22) (i32.const 2) (i32.const 1) (i64.const 0) (i32.const 0))
            (call $sub (i32.const 2) (i64.const 33) (i32.const 0) (i32.const 1) (i64.const 10000000000) (i32.const 0))
            (call $sub (i32.const 3) (i64.const 44) (i32.const 1) (i32.const 0) (i64.const 0) (i32.const 0))
            (call $poll_and_print (i32.const 4))
            (call $num (i64.load (i32.const 8192)))
            (call $num (i64.load (i32.const 8272)))
            """),
        // A relative timeout of UINT64_MAX: forever, yet the deadline ends it.
        ["sleep-forever"] = WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 1) (i32.const 0) (i32.const 1) (i64.const -1) (i32.const 0))
            (call $poll_and_print (i32.const 1))
            """),
        // args_get whose strings would pass the end of memory, environ_sizes_get with a result
        // outside it: EFAULT, and the pointer array is left as it was (7s).
        ["args-fault"] = WasiProbe.Command("""
            (memory.fill (i32.const 12000) (i32.const 7) (i32.const 8))
            (call $num32 (call $args_get (i32.const 12000) (i32.const 0x1fffc)))
            (call $num32 (i32.load8_u (i32.const 12000)))
            (call $num32 (call $environ_sizes_get (i32.const 300) (i32.const 0x20000)))
            (call $num32 (call $args_get (i32.const 0x1fffe) (i32.const 13000)))
            """),
        // A memory that is not exported: Booster's host functions have nothing to read or write and
        // answer EFAULT (the guest traps otherwise; with no memory it cannot print).
        ["no-memory"] = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
              (memory 1)
              (func (export "_start")
                (if (i32.ne (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 21)) (then unreachable))
                (if (i32.ne (call $args_sizes_get (i32.const 0) (i32.const 4)) (i32.const 21)) (then unreachable))))
            """,
        // The monotonic clock starts with the execution.
        ["monotonic"] = WasiProbe.Command("""
            (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 80)))
            (call $num (i64.div_u (i64.load (i32.const 80)) (i64.const 1000000000)))
            """),
    };

    private RuntimeServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeServer.StartAsync(
        Guests.ToDictionary(g => g.Key + ".wat", g => g.Value),
        s => s with { MaxMemoryBytes = 4L << 30, MaxOutputBytes = OutputCap });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> StdoutOf(string module, string stdin = "") =>
        (await _server.ExpectOkAsync(module, new { stdin }))["stdout"]!.GetValue<string>();

    [Fact]
    public async Task AnArrayOrBufferOutsideMemoryIsEfaultWithNothingWrittenOrConsumed() =>
        (await StdoutOf("faults", "hello")).Should().Be("21 21 21 21 0 hello");

    [Fact]
    public async Task AResultAddressOutsideMemoryIsEfaultBeforeAnySideEffect() =>
        (await StdoutOf("result-fault", "hello")).Should().Be("21 21 0 hello");

    [Fact]
    public async Task ArgumentsOrEnvironmentOutsideMemoryAreEfaultWithNothingWritten() =>
        (await StdoutOf("args-fault")).Should().Be("21 7 21 21 ");

    [Fact]
    public async Task AGuestThatExportsNoMemoryGetsEfault() =>
        (await _server.ExpectOkAsync("no-memory", new { }))["exit_code"]!.GetValue<int>().Should().Be(0);

    [Fact]
    public async Task MoreIovecsOrSubscriptionsThanTheCapsAreEinval() =>
        (await StdoutOf("caps")).Should().Be("28 abc0 28 ");

    [Fact]
    public async Task BuffersOfTwoGibibytesAreValidLengths()
    {
        var json = await _server.ExpectOkAsync("two-gib-buffers", new { stdin = "hi" });

        json["stdout"]!.GetValue<string>().Should().Be("0 2 0 2147483648 ");
        json["stderr"]!.GetValue<string>().Should().StartWith("hi\0").And.HaveLength(OutputCap);
        json["truncated"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task EverySubscriptionReadyAtTheCallIsReported() =>
        (await StdoutOf("poll-several", "stdin")).Should().Be("0 3 11 0 0 22 0 2 44 0 1 11 5 ");

    [Fact]
    public async Task AnEndlessSleepEndsAtTheDeadline()
    {
        var (code, _) = await _server.ExpectErrorAsync("sleep-forever", HttpStatusCode.GatewayTimeout, new { timeout_ms = 300 });

        code.Should().Be("timeout");
    }

    [Fact]
    public async Task TheMonotonicClockStartsWithTheExecution() =>
        (await StdoutOf("monotonic")).Should().Be("0 ");
}
