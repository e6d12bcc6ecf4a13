#!/usr/bin/env bash
# Installs the Debian packages that build and run the container images without Docker, when they are missing:
#   podman buildah skopeo   build, run and copy OCI images
#   runc                    the OCI runtime that works here (crun, podman's default, fails on hybrid cgroups)
#   mmdebstrap              makes the project's own Debian base image without a registry
#   containernetworking-plugins, golang-github-containernetworking-plugin-dnsname
#                           podman networks on which containers find each other by name
# .ci/run calls it before the containerised system test (scripts/container-test.sh); needs root or sudo.
set -euo pipefail
packages=(podman buildah skopeo runc mmdebstrap containernetworking-plugins
  golang-github-containernetworking-plugin-dnsname uidmap)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing ${missing[*]} (Debian packages) for the container images..."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
