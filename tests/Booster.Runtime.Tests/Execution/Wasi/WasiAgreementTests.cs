using Booster.Runtime.Tests.Support;

namespace Booster.Runtime.Tests.Execution.Wasi;

/// <summary>
/// Booster serves stdio, clocks and poll_oneoff itself; each probe here runs under those
/// functions (over HTTP) and under Wasmtime's own WASI, and must print the same: errno values,
/// counts, the bytes moved, poll events for several subscriptions. Where Booster deliberately
/// differs (EFAULT where Wasmtime traps, caps, events Wasmtime's futures report only later)
/// <see cref="HostFunctionTests"/> says so.
/// </summary>
public class WasiAgreementTests : IAsyncLifetime
{
    /// <summary>Name → (guest, stdin, what both must print).</summary>
    public static readonly Dictionary<string, (string Wat, string Stdin, string Expected)> Probes = new()
    {
        // Several iovecs: the first non-empty one is written, and the count says so.
        ["several-iovecs"] = (WasiProbe.Command("""
            (call $iovec (i32.const 200) (i32.const 1024) (i32.const 0))
            (call $iovec (i32.const 208) (i32.const 1024) (i32.const 3))
            (call $iovec (i32.const 216) (i32.const 1030) (i32.const 2))
            (call $num32 (call $fd_write (i32.const 1) (i32.const 200) (i32.const 3) (i32.const 300)))
            (call $num32 (i32.load (i32.const 300)))
            """, "abc___de"), "", "abc0 3 "),
        // Partial reads: a short buffer, then an empty iovec before a long one, then end of input.
        ["partial-reads"] = (WasiProbe.Command("""
            (call $iovec (i32.const 200) (i32.const 2000) (i32.const 4))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 300)))
            (call $out (i32.const 2000) (i32.load (i32.const 300)))
            (call $iovec (i32.const 200) (i32.const 2100) (i32.const 0))
            (call $iovec (i32.const 208) (i32.const 2100) (i32.const 100))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 200) (i32.const 2) (i32.const 300)))
            (call $out (i32.const 2100) (i32.load (i32.const 300)))
            (call $num32 (call $fd_read (i32.const 0) (i32.const 208) (i32.const 1) (i32.const 300)))
            (call $num32 (i32.load (i32.const 300)))
            """), "hello world", "0 hell0 o world0 0 "),
        // Several descriptors ready at once: both reported, in order; the 1 h clock is not.
        ["poll-two-writers"] = (WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 1) (i32.const 2) (i32.const 1) (i64.const 0) (i32.const 0))
            (call $sub (i32.const 1) (i64.const 3) (i32.const 0) (i32.const 1) (i64.const 3600000000000) (i32.const 0))
            (call $sub (i32.const 2) (i64.const 2) (i32.const 2) (i32.const 2) (i64.const 0) (i32.const 0))
            (call $poll_and_print (i32.const 3))
            """), "", "0 2 1 0 2 2 0 2 "),
        // Two clocks: the nearer fires alone.
        ["poll-two-clocks"] = (WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 7) (i32.const 0) (i32.const 1) (i64.const 5000000) (i32.const 0))
            (call $sub (i32.const 1) (i64.const 8) (i32.const 0) (i32.const 1) (i64.const 3600000000000) (i32.const 0))
            (call $poll_and_print (i32.const 2))
            """), "", "0 1 7 0 0 "),
        // A u64 timeout of UINT64_MAX is forever, not -1: only the ready descriptor is reported.
        ["poll-forever-and-ready"] = (WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 5) (i32.const 0) (i32.const 1) (i64.const -1) (i32.const 0))
            (call $sub (i32.const 1) (i64.const 22) (i32.const 2) (i32.const 1) (i64.const 0) (i32.const 0))
            (call $poll_and_print (i32.const 2))
            """), "", "0 1 22 0 2 "),
        // An absolute monotonic time already past fires at once.
        ["poll-absolute-past"] = (WasiProbe.Command("""
            (call $sub (i32.const 0) (i64.const 5) (i32.const 0) (i32.const 1) (i64.const 0) (i32.const 1))
            (call $poll_and_print (i32.const 1))
            """), "", "0 1 5 0 0 "),
        ["poll-nothing"] = (WasiProbe.Command("""
            (call $num32 (call $poll (i32.const 4096) (i32.const 8192) (i32.const 0) (i32.const 300)))
            """), "", "28 "),
        // The monotonic clock starts with the execution: it does not tell the host's uptime.
        ["monotonic-fresh"] = (WasiProbe.Command("""
            (call $num32 (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 80)))
            (if (i64.lt_u (i64.load (i32.const 80)) (i64.const 10000000000))
              (then (call $out (i32.const 1024) (i32.const 5)))
              (else (call $out (i32.const 1029) (i32.const 6))))
            """, "freshuptime"), "", "0 fresh"),
    };

    public static IEnumerable<object[]> ProbeNames => Probes.Keys.Select(name => new object[] { name });

    private RuntimeServer _server = null!;

    /// <summary>Prints errno, count and buffer size of args then environ, then every string.</summary>
    private static readonly string ArgsAndEnvironment = WasiProbe.Command("""
        (call $num32 (call $args_sizes_get (i32.const 300) (i32.const 304)))
        (call $num32 (i32.load (i32.const 300)))
        (call $num32 (i32.load (i32.const 304)))
        (call $num32 (call $args_get (i32.const 12000) (i32.const 13000)))
        (call $strings (i32.const 12000) (i32.load (i32.const 300)))
        (call $num32 (call $environ_sizes_get (i32.const 300) (i32.const 304)))
        (call $num32 (i32.load (i32.const 300)))
        (call $num32 (i32.load (i32.const 304)))
        (call $num32 (call $environ_get (i32.const 12000) (i32.const 13000)))
        (call $strings (i32.const 12000) (i32.load (i32.const 300)))
        """);

    public async Task InitializeAsync() =>
        _server = await RuntimeServer.StartAsync(Probes.ToDictionary(p => p.Key + ".wat", p => p.Value.Wat)
            .Append(new("args-env.wat", ArgsAndEnvironment)).ToDictionary());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(ProbeNames))]
    public async Task BoosterAndWasmtimeAnswerTheSame(string name)
    {
        var (wat, stdin, expected) = Probes[name];

        var json = await _server.ExpectOkAsync(name, new { stdin });
        var booster = (json["stdout"]!.GetValue<string>(), json["exit_code"]!.GetValue<int>());
        var wasmtime = WasmtimeWasi.Run(wat, stdin);

        booster.Should().Be(wasmtime, "Booster's host functions must answer as Wasmtime's WASI does");
        booster.Should().Be((expected, 0));
    }

    [Fact]
    public async Task ArgumentsAndEnvironmentReachTheGuestAsWasmtimeHandsThemOver()
    {
        var json = await _server.ExpectOkAsync("args-env", new
        {
            args = new[] { "one", "dé ux", "" },
            env = new Dictionary<string, string> { ["A"] = "1", ["EMPTY"] = "", ["LONG"] = new string('x', 300) },
        });
        var booster = (json["stdout"]!.GetValue<string>(), json["exit_code"]!.GetValue<int>());
        var wasmtime = WasmtimeWasi.Run(ArgsAndEnvironment, argv: ["args-env", "one", "dé ux", ""],
            environment: [("A", "1"), ("EMPTY", ""), ("LONG", new string('x', 300))]);

        booster.Should().Be(wasmtime, "argv and environ must reach the guest as Wasmtime's WASI hands them over");
        booster.Item1.Should().StartWith("0 4 21 0 args-env|one|dé ux||0 3 ").And.Contain("A=1|EMPTY=|LONG=xxx");
    }
}
