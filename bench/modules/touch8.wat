;; A guest that uses 7.5 MiB of linear memory: grows to 120 pages and writes to every 4 KiB page,
;; then prints "ok". Measures what reusing (and re-zeroing) that much memory costs per request.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok")
  (func (export "_start") (local $at i32)
    (drop (memory.grow (i32.const 119)))
    (local.set $at (i32.const 4096))
    (block $done (loop $touch
      (br_if $done (i32.ge_u (local.get $at) (i32.const 7864320)))
      (i32.store8 (local.get $at) (i32.const 1))
      (local.set $at (i32.add (local.get $at) (i32.const 4096)))
      (br $touch)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
