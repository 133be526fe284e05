#!/usr/bin/env bash
# Installs one pinned set of npm tools, scripts/NAME (package.json + package-lock.json), into
# .tools/NAME (git-ignored) with `npm ci`, without running package scripts. Safe to run again:
# it does nothing when that lock file is already installed.
#
# Sets: operator-test-tools (the operator tests' schema validators and parsers) and
# component-tools (jco, componentize-js and preview2-shim for WASI 0.2 components).
#
# Usage: scripts/install-npm-tools.sh NAME
set -euo pipefail

name="${1:?usage: scripts/install-npm-tools.sh NAME (a folder under scripts/ with a package-lock.json)}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$repo/scripts/$name"
target="$repo/.tools/$name"

if [ ! -f "$source_dir/package-lock.json" ]; then
  echo "install-npm-tools: $source_dir/package-lock.json not found" >&2
  exit 2
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "install-npm-tools: node and npm are required (node 20 or later)" >&2
  exit 1
fi

if cmp -s "$source_dir/package-lock.json" "$target/package-lock.json" && [ -d "$target/node_modules" ]; then
  echo "install-npm-tools: $name already installed in $target"
  exit 0
fi

mkdir -p "$target"
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$target/"
npm ci --prefix "$target" --no-audit --no-fund --ignore-scripts --loglevel=error
echo "install-npm-tools: $name installed in $target"
