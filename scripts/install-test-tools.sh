#!/usr/bin/env bash
# Installs the Debian packages some tests use, when they are missing:
#   chromium    the orchestrator's web page test (headless)
#   prometheus  promtool, for the metrics lint (serving) and the chart's alert rules (helm)
#   kubectl     kubectl kustomize, for the k8s/ overlays (helm)
#   nodejs/npm  and the npm package kubernetes-models (helm/src/test/node), for the manifests' required fields
# .ci/run calls it; run it once on a new development machine too (needs root or sudo for apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
command -v npm >/dev/null 2>&1 || missing+=(npm)
install_node_packages() {
  if [[ ! -d helm/src/test/node/node_modules/kubernetes-models ]]; then
    echo "installing the npm packages of helm/src/test/node..."
    npm ci --prefix helm/src/test/node --silent --no-audit --no-fund
  fi
}
if ((${#missing[@]} == 0)); then
  install_node_packages
  exit 0
fi
echo "installing ${missing[*]} (Debian packages) for the tests..."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
$SUDO apt-get update -qq
for package in "${missing[@]}"; do
  if ! $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null; then
    if [[ $package == kubectl ]]; then
      # Debian's own package of kubectl is called kubernetes-client
      $SUDO apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
    else
      echo "could not install $package" >&2
      exit 1
    fi
  fi
done
install_node_packages
