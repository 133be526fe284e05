;; A command whose run returns result::err without printing: its exit code is 1.
(component
  (core module $m (func (export "run") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $i "run")))
  (instance $command (export "run" (func $run)))
  (export "wasi:cli/run@0.2.6" (instance $command))
)
