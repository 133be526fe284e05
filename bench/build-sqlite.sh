#!/usr/bin/env bash
# Builds SQLite as a WASI command (bench/modules/sqlite-shell.c: stdin → SQL on an in-memory
# database) with Debian's wasm32-wasi clang and wasi-libc. The amalgamation (sqlite3.c) comes
# from the npm registry, inside the pinned better-sqlite3 package. The module is cached in
# bench/.cache; prints its path.
#
# Usage: bench/build-sqlite.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="better-sqlite3@13.2.0" # ships SQLite 3.54.1
cache="$repo/bench/.cache"
module="$cache/sqlite-${package//[@\/]/-}.wasm"
if [ -s "$module" ] && [ "$module" -nt "$repo/bench/modules/sqlite-shell.c" ]; then echo "$module"; exit 0; fi

"$repo/bench/install-bench-tools.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz package/deps/sqlite3)
mkdir -p "$cache"
# wasi-libc lacks mmap, signals, process clocks and getpid; SQLite needs only their emulations.
clang --target=wasm32-wasi -O2 -w \
  -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID \
  -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE -DSQLITE_DEFAULT_MEMSTATUS=0 \
  -I"$work/package/deps/sqlite3" -Wl,--strip-all -o "$module.tmp" \
  "$repo/bench/modules/sqlite-shell.c" "$work/package/deps/sqlite3/sqlite3.c" \
  -lwasi-emulated-mman -lwasi-emulated-signal -lwasi-emulated-process-clocks -lwasi-emulated-getpid
mv "$module.tmp" "$module"
echo "$module"
