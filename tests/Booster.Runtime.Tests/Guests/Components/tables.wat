;; A command whose core module asks its table for 2,000,000,000 more elements: the run's table
;; limit refuses the growth, the guest sees -1 (as the wasm spec says), and run returns ok (exit
;; code 0) only then; a table that did grow would make it return err (exit code 1).
(component
  (core module $m
    (table 1 funcref)
    (func (export "run") (result i32)
      (i32.ne (table.grow (ref.null func) (i32.const 2000000000)) (i32.const -1))))
  (core instance $i (instantiate $m))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $i "run")))
  (instance $command (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $command))
)
