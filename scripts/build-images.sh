#!/usr/bin/env bash
# Builds (and with --push, pushes) one container image per service from the Maven build.
# Usage: scripts/build-images.sh [--push] [registry] [tag]
#   registry defaults to ghcr.io/maskflow, tag to the project version. Needs docker (or a compatible CLI).
# The CUDA trainer image also needs libtorch for CUDA in docker/libtorch-cu128/ (see docker/Dockerfile.trainer-cuda).
set -euo pipefail
cd "$(dirname "$0")/.."
PUSH=false
if [[ "${1:-}" == "--push" ]]; then PUSH=true; shift; fi
REGISTRY="${1:-ghcr.io/maskflow}"
TAG="${2:-$(mvn -q help:evaluate -Dexpression=project.version -DforceStdout)}"
mvn -B -q package -DskipTests
while read -r name module port; do
  image="$REGISTRY/maskflow-$name:$TAG"
  docker build -f docker/Dockerfile.jvm --build-arg MODULE="$module" --build-arg PORT="$port" -t "$image" .
  if $PUSH; then docker push "$image"; fi
done <<'SERVICES'
orchestrator pipeline/orchestrator 8080
datagen services/datagen 8081
preprocess services/preprocess 8082
trainer services/trainer 8083
evaluator services/evaluator 8084
serving services/serving 8085
SERVICES
if [[ -d docker/libtorch-cu128 ]]; then
  image="$REGISTRY/maskflow-trainer-cuda:$TAG"
  docker build -f docker/Dockerfile.trainer-cuda -t "$image" .
  if $PUSH; then docker push "$image"; fi
else
  echo "docker/libtorch-cu128/ is missing: skipped the CUDA trainer image"
fi
