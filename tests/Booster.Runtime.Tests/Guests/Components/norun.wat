;; A component whose wasi:cli/run@0.2.0 holds an instance named run, not a function: refused at load.
(component
  (instance $empty)
  (instance $command (export "run" (instance $empty)))
  (export "wasi:cli/run@0.2.0" (instance $command))
)
