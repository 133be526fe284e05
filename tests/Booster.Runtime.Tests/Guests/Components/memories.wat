;; Two core modules of 20 MiB of linear memory each: 40 MiB together, which a 32 MiB limit
;; (BOOSTER_MAX_MEMORY_BYTES counts every memory of a run together) refuses at load.
(component
  (core module $a (memory (export "memory") 320))
  (core module $m
    (memory 320)
    (func (export "run") (result i32) i32.const 0))
  (core instance $ai (instantiate $a))
  (core instance $i (instantiate $m))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $i "run")))
  (instance $command (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $command))
)
