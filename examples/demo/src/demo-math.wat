;; The WebAssembly tool of the demo (wasm_fibonacci), compiled from this source at startup by wabt.
(module
  (memory (export "memory") 1)
  (func (export "fibonacci") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $next i32)
    ;; A negative n is a caller bug: trap, as a sandboxed tool would.
    (if (i32.lt_s (local.get $n) (i32.const 0)) (then unreachable))
    (local.set $b (i32.const 1))
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $next (i32.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $next))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step)))
    (local.get $a)))
