;; A command component that imports wasi:sockets: Booster offers no network, so it is refused at load.
(component
  (import "wasi:sockets/network@0.2.0" (instance $network))
  (core module $m (func (export "run") (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (type $result (result))
  (func $run (result $result) (canon lift (core func $i "run")))
  (instance $command (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $command))
)
