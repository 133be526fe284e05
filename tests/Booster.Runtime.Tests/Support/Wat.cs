using System.Text;

namespace Booster.Runtime.Tests.Support;

/// <summary>
/// Small WASI command modules written as WebAssembly text, generated per test so each one
/// says what it does. Wasmtime compiles the text itself; no toolchain is needed.
/// </summary>
internal static class Wat
{
    private const string Prelude = """
        (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
        (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
        (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        ;; 0..7 clock value; 16..23 iovec; 24..27 bytes written; text from 1024.
        (func $write (param $fd i32) (param $ptr i32) (param $len i32)
          (i32.store (i32.const 16) (local.get $ptr))
          (i32.store (i32.const 20) (local.get $len))
          (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))
        (func $now (result i64)
          (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 0)))
          (i64.load (i32.const 0)))
        ;; Sleeps without using the CPU: one relative clock subscription (at 256), event at 320.
        (func $sleep (param $ms i64)
          (i32.store8 (i32.const 264) (i32.const 0))
          (i32.store (i32.const 272) (i32.const 1))
          (i64.store (i32.const 280) (i64.mul (local.get $ms) (i64.const 1000000)))
          (i64.store (i32.const 288) (i64.const 0))
          (i32.store16 (i32.const 296) (i32.const 0))
          (drop (call $poll_oneoff (i32.const 256) (i32.const 320) (i32.const 1) (i32.const 360))))
        ;; Sleeps until that clock (0 realtime, 1 monotonic) reads now + $ms: an absolute subscription.
        (func $sleep_until (param $clock i32) (param $ms i64)
          (drop (call $clock_time_get (local.get $clock) (i64.const 1) (i32.const 0)))
          (i32.store8 (i32.const 264) (i32.const 0))
          (i32.store (i32.const 272) (local.get $clock))
          (i64.store (i32.const 280) (i64.add (i64.load (i32.const 0)) (i64.mul (local.get $ms) (i64.const 1000000))))
          (i64.store (i32.const 288) (i64.const 0))
          (i32.store16 (i32.const 296) (i32.const 1))
          (drop (call $poll_oneoff (i32.const 256) (i32.const 320) (i32.const 1) (i32.const 360))))
        (func $spin (param $ms i64) (local $start i64)
          (local.set $start (call $now))
          (block $done (loop $again
            (br_if $done (i64.ge_u (i64.sub (call $now) (local.get $start)) (i64.mul (local.get $ms) (i64.const 1000000))))
            (br $again))))
        """;

    /// <summary>A command whose _start runs <paramref name="body"/>, with <paramref name="text"/> at address 1024.</summary>
    public static string Command(string body, string text = "", string declarations = "") => $"""
        (module
        {Prelude}
        {declarations}
        (data (i32.const 1024) "{Escape(text)}")
        (func (export "_start") {body}))
        """;

    /// <summary>Writes the text at 1024 to stdout (fd 1) or stderr (fd 2).</summary>
    public static string Write(string text, int fd = 1) => $"(call $write (i32.const {fd}) (i32.const 1024) (i32.const {Encoding.UTF8.GetByteCount(text)}))";

    public static string Prints(string text) => Command(Write(text), text);

    public static string Exits(int code) => Command($"(call $proc_exit (i32.const {code}))");

    public static string PrintsThenTraps(string text) => Command(Write(text) + " unreachable", text);

    public static string PrintsThenLoopsForever(string text) => Command(Write(text) + " (loop $forever (br $forever))", text);

    /// <summary>Busy-waits (checking the clock) for the given time, then prints.</summary>
    public static string SpinsThenPrints(int milliseconds, string text) => Command($"(call $spin (i64.const {milliseconds})) {Write(text)}", text);

    /// <summary>Sleeps (in the host, no CPU) for the given time, then prints: a live instance that costs nothing.</summary>
    public static string SleepsThenPrints(int milliseconds, string text) => Command($"(call $sleep (i64.const {milliseconds})) {Write(text)}", text);

    /// <summary>Sleeps until the clock (0 realtime, 1 monotonic) passes now + the given time, then prints.</summary>
    public static string SleepsUntilThenPrints(int clock, int milliseconds, string text) =>
        Command($"(call $sleep_until (i32.const {clock}) (i64.const {milliseconds})) {Write(text)}", text);

    /// <summary>Grows memory one page at a time; traps as a C program's abort would once growth fails.</summary>
    public static string GrowsMemoryUntilRefused() => Command("""
        (block $refused (loop $grow
          (br_if $refused (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
          (br $grow)))
        unreachable
        """);

    /// <summary>Writes <paramref name="chunks"/> × 64 KiB of 'x' to stdout, then exits 0.</summary>
    public static string FloodsStdout(int chunks) => Command("""
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
        (memory.fill (i32.const 65536) (i32.const 120) (i32.const 65536))
        (block $done (loop $again
          (br_if $done (i32.eqz (global.get $left)))
          (call $write (i32.const 1) (i32.const 65536) (i32.const 65536))
          (global.set $left (i32.sub (global.get $left) (i32.const 1)))
          (br $again)))
        """, declarations: $"(global $left (mut i32) (i32.const {chunks}))");

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
            builder.Append(b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\{b:x2}");
        return builder.ToString();
    }
}
