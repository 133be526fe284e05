#!/usr/bin/env bash
# Builds bench/modules/textkit.rs (see bench/build-rust.sh, which builds every Rust program of the
# benchmarks); prints its path. Usage: [TEXTKIT_OPT_LEVEL=1|2|3|s|z] bench/build-textkit.sh
exec "$(dirname "${BASH_SOURCE[0]}")/build-rust.sh" textkit
