#!/usr/bin/env bash
# Installs what the benchmarks need, idempotently: wrk (load generator), the wasm32-wasi
# C toolchain (for the C hello module and SQLite), Rust for wasm32-wasi (for the start-up
# benchmark's program) and jq (to read the runtime's answers), from Debian's packages.
set -euo pipefail
missing=()
for package in wrk curl jq clang lld wasi-libc libclang-rt-dev-wasm32 rustc libstd-rust-dev-wasm32; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
