;; hello: prints "Hello, <NAME>!" (or "Hello, world!" when NAME is unset), then its
;; arguments one per line. A WASI preview1 command written as text, so Wasmtime compiles
;; it directly and no toolchain is needed to try the runtime.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)

  ;; 0..7: counts from *_sizes_get; 16..23: one iovec; 24..27: bytes written; 32..: text.
  (data (i32.const 32) "Hello, ")
  (data (i32.const 40) "world")
  (data (i32.const 48) "!\n")

  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))

  (func $strlen (param $p i32) (result i32) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Makes room for `bytes` more bytes from `base`, growing memory when needed.
  (func $ensure (param $end i32)
    (local $pages i32)
    (local.set $pages (i32.sub
      (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
      (memory.size)))
    (if (i32.gt_s (local.get $pages) (i32.const 0))
      (then (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1)) (then unreachable)))))

  ;; Does the C string at $p start with "NAME="?
  (func $is_name (param $p i32) (result i32)
    (i32.and
      (i32.and
        (i32.eq (i32.load8_u (local.get $p)) (i32.const 78))
        (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 65)))
      (i32.and
        (i32.eq (i32.load8_u offset=2 (local.get $p)) (i32.const 77))
        (i32.and
          (i32.eq (i32.load8_u offset=3 (local.get $p)) (i32.const 69))
          (i32.eq (i32.load8_u offset=4 (local.get $p)) (i32.const 61))))))

  (func (export "_start")
    (local $count i32) (local $pointers i32) (local $buffer i32) (local $i i32) (local $entry i32)
    (local $name i32) (local $name_len i32)
    (local.set $name (i32.const 40))
    (local.set $name_len (i32.const 5))

    ;; Environment: pointers at 1024, strings right after them.
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (local.set $count (i32.load (i32.const 0)))
    (local.set $pointers (i32.const 1024))
    (local.set $buffer (i32.add (local.get $pointers) (i32.shl (local.get $count) (i32.const 2))))
    (call $ensure (i32.add (i32.add (local.get $buffer) (i32.load (i32.const 4))) (i32.const 8)))
    (drop (call $environ_get (local.get $pointers) (local.get $buffer)))
    (block $found
      (loop $scan
        (br_if $found (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $entry (i32.load (i32.add (local.get $pointers) (i32.shl (local.get $i) (i32.const 2)))))
        (if (call $is_name (local.get $entry))
          (then
            (local.set $name (i32.add (local.get $entry) (i32.const 5)))
            (local.set $name_len (call $strlen (local.get $name)))
            (br $found)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))

    (call $write (i32.const 32) (i32.const 7))
    (call $write (local.get $name) (local.get $name_len))
    (call $write (i32.const 48) (i32.const 2))

    ;; Arguments after argv[0], one per line; stored past the environment.
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (local.set $count (i32.load (i32.const 0)))
    (local.set $pointers (i32.and (i32.add (i32.add (local.get $buffer) (call $strlen_env_end (local.get $buffer))) (i32.const 16)) (i32.const -8)))
    (local.set $buffer (i32.add (local.get $pointers) (i32.shl (local.get $count) (i32.const 2))))
    (call $ensure (i32.add (i32.add (local.get $buffer) (i32.load (i32.const 4))) (i32.const 8)))
    (drop (call $args_get (local.get $pointers) (local.get $buffer)))
    (local.set $i (i32.const 1))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $entry (i32.load (i32.add (local.get $pointers) (i32.shl (local.get $i) (i32.const 2)))))
        (call $write (local.get $entry) (call $strlen (local.get $entry)))
        (call $write (i32.const 49) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; The environment strings end where environ_sizes_get said; re-read that size.
  (func $strlen_env_end (param $buffer i32) (result i32)
    (drop (call $environ_sizes_get (i32.const 8) (i32.const 12)))
    (i32.load (i32.const 12)))
)
