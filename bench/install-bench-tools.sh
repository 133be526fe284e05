#!/usr/bin/env bash
# Installs what the benchmarks need, idempotently: wrk (load generator) and the wasm32-wasi
# C toolchain (for the C hello module), from Debian's packages.
set -euo pipefail
missing=()
for package in wrk curl clang lld wasi-libc libclang-rt-dev-wasm32; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
