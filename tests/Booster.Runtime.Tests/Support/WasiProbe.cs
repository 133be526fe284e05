namespace Booster.Runtime.Tests.Support;

/// <summary>
/// WASI commands that print what the host functions answered (errno values, counts, event
/// fields) as decimal numbers, so that the same guest can be run under Booster's functions and
/// under Wasmtime's own WASI and the two outputs compared.
/// </summary>
internal static class WasiProbe
{
    private const string Prelude = """
        (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
        (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
        (memory (export "memory") 2)
        ;; 0..63 number text; 64..71 iovec for output; 72..75 bytes written; 80..87 clock value;
        ;; 200.. iovecs under test; 300..303 count out; 1024.. data; 2000.. read buffers;
        ;; 4096.. subscriptions; 8192.. events; 12000.. string pointers; 13000.. strings.
        (func $out (param $ptr i32) (param $len i32)
          (i32.store (i32.const 64) (local.get $ptr))
          (i32.store (i32.const 68) (local.get $len))
          (drop (call $fd_write (i32.const 1) (i32.const 64) (i32.const 1) (i32.const 72))))
        ;; Prints v in decimal followed by a space.
        (func $num (param $v i64) (local $p i32)
          (local.set $p (i32.const 63))
          (i32.store8 (local.get $p) (i32.const 32))
          (loop $digits
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
            (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
            (br_if $digits (i64.ne (local.get $v) (i64.const 0))))
          (call $out (local.get $p) (i32.sub (i32.const 64) (local.get $p))))
        (func $num32 (param $v i32) (call $num (i64.extend_i32_u (local.get $v))))
        (func $iovec (param $at i32) (param $ptr i32) (param $len i32)
          (i32.store (local.get $at) (local.get $ptr))
          (i32.store (i32.add (local.get $at) (i32.const 4)) (local.get $len)))
        ;; Subscription $i at 4096: userdata, type, clock id or fd, timeout, flags.
        (func $sub (param $i i32) (param $userdata i64) (param $type i32) (param $id i32) (param $timeout i64) (param $flags i32) (local $at i32)
          (local.set $at (i32.add (i32.const 4096) (i32.mul (local.get $i) (i32.const 48))))
          (memory.fill (local.get $at) (i32.const 0) (i32.const 48))
          (i64.store (local.get $at) (local.get $userdata))
          (i32.store8 (i32.add (local.get $at) (i32.const 8)) (local.get $type))
          (i32.store (i32.add (local.get $at) (i32.const 16)) (local.get $id))
          (i64.store (i32.add (local.get $at) (i32.const 24)) (local.get $timeout))
          (i32.store16 (i32.add (local.get $at) (i32.const 40)) (local.get $flags)))
        ;; Prints the $n NUL-terminated strings the pointers at $at point to, each followed by "|".
        (func $strings (param $at i32) (param $n i32) (local $i i32) (local $p i32) (local $q i32)
          (i32.store8 (i32.const 76) (i32.const 124))
          (block $done (loop $each
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $p (i32.load (i32.add (local.get $at) (i32.mul (local.get $i) (i32.const 4)))))
            (local.set $q (local.get $p))
            (block $end (loop $length
              (br_if $end (i32.eqz (i32.load8_u (local.get $q))))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br $length)))
            (call $out (local.get $p) (i32.sub (local.get $q) (local.get $p)))
            (call $out (i32.const 76) (i32.const 1))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each))))
        ;; Polls $n subscriptions and prints errno, the event count, then userdata, error, type of each event.
        (func $poll_and_print (param $n i32) (local $i i32) (local $at i32)
          (call $num32 (call $poll (i32.const 4096) (i32.const 8192) (local.get $n) (i32.const 300)))
          (call $num32 (i32.load (i32.const 300)))
          (block $done (loop $each
            (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 300))))
            (local.set $at (i32.add (i32.const 8192) (i32.mul (local.get $i) (i32.const 32))))
            (call $num (i64.load (local.get $at)))
            (call $num32 (i32.load16_u (i32.add (local.get $at) (i32.const 8))))
            (call $num32 (i32.load8_u (i32.add (local.get $at) (i32.const 10))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each))))
        """;

    /// <summary>A command running <paramref name="body"/> with <paramref name="data"/> (ASCII) at 1024.</summary>
    public static string Command(string body, string data = "") => $"""
        (module
        {Prelude}
        (data (i32.const 1024) "{data}")
        (func (export "_start") {body}))
        """;
}
