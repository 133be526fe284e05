#!/usr/bin/env bash
# Installs the tools the operator tests use into .tools/operator-test-tools (git-ignored):
# kubernetes-models, whose validators carry the upstream Kubernetes OpenAPI schemas. Versions
# are pinned by scripts/operator-test-tools/package-lock.json. Safe to run again: it does
# nothing when that lock file is already installed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$repo/scripts/operator-test-tools"
target="$repo/.tools/operator-test-tools"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "install-operator-test-tools: node and npm are required (node 20 or later)" >&2
  exit 1
fi

if cmp -s "$source_dir/package-lock.json" "$target/package-lock.json" \
   && [ -f "$target/node_modules/kubernetes-models/package.json" ]; then
  echo "install-operator-test-tools: already installed in $target"
  exit 0
fi

mkdir -p "$target"
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$target/"
npm ci --prefix "$target" --no-audit --no-fund --ignore-scripts --loglevel=error
echo "install-operator-test-tools: installed in $target"
