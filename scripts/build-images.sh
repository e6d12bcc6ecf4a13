#!/usr/bin/env bash
# Builds one container image per JVM service (orchestrator, datagen, preprocess, trainer, evaluator, serving) from
# the Maven build, plus the two images of the local stack the containerised system test runs (maskflow-kafka,
# maskflow-s3), with podman (or docker where podman is missing). With --push it pushes the service images.
#
# Usage: scripts/build-images.sh [--push] [--skip-maven] [registry] [tag]
#   registry  default localhost/maskflow (the chart's global.imageRegistry is ghcr.io/maskflow)
#   tag       default the chart's appVersion (helm/maskflow/Chart.yaml), the tag the chart pulls by default
# Environment:
#   BASE_IMAGE   the Java 17 runtime image every image is built on. Default localhost/maskflow-base:17, which
#                this script makes without any registry (mmdebstrap: Debian bookworm minbase with
#                openjdk-17-jre-headless and ca-certificates, imported with podman) unless it exists already.
#                Where a registry is reachable, a public one works too, e.g.
#                BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre-jammy
#   DEBIAN_MIRROR  the mirror mmdebstrap uses (default: the first one in /etc/apt/sources.list*)
#   CONTAINER_CLI  podman or docker (default: podman when installed)
# On these machines podman needs runc, the cgroupfs manager and lower ulimits: docker/containers.conf, which this
# script reads through CONTAINERS_CONF. The Debian packages: scripts/install-container-tools.sh.
# The CUDA trainer image (docker/Dockerfile.trainer-cuda) is built only when docker/libtorch-cu128/ is present.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PUSH=false
MAVEN=true
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --push) PUSH=true ;;
    --skip-maven) MAVEN=false ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
REGISTRY="${1:-localhost/maskflow}"
TAG="${2:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' helm/maskflow/Chart.yaml)}"
VERSION="$(sed -n '/<artifactId>maskflow-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)"
REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then REVISION="$REVISION-dirty"; fi
SOURCE="$(sed -n 's/^home: *//p' helm/maskflow/Chart.yaml)"
BASE_IMAGE="${BASE_IMAGE:-localhost/maskflow-base:17}"
CLI="${CONTAINER_CLI:-$(command -v podman >/dev/null 2>&1 && echo podman || echo docker)}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$ROOT/docker/containers.conf}"
BUILD_OPTS=(--build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION"
  --build-arg "SOURCE=$SOURCE")
if [[ $CLI == podman ]]; then
  # docker format keeps nothing we need beyond OCI; OCI is the default and what `podman save --format oci-archive`
  # writes. --network=host only matters for a RUN step that needs the package mirror (none does).
  BUILD_OPTS+=(--network=host --layers)
fi

base_image() {
  if [[ $BASE_IMAGE != localhost/maskflow-base:* ]]; then
    echo "base image: $BASE_IMAGE (pulled by the build)"
    return
  fi
  if $CLI image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "base image: $BASE_IMAGE (exists)"
    return
  fi
  local mirror="${DEBIAN_MIRROR:-}"
  if [[ -z $mirror ]]; then
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -o -E '^(URIs: *|deb +(\[[^]]*\] +)?)https?://[^ ]+' | grep -o -E 'https?://[^ ]+' \
      | grep -v security | head -1 || true)"
  fi
  if [[ -z $mirror ]]; then
    echo "no Debian mirror in /etc/apt/sources.list*: set DEBIAN_MIRROR" >&2
    exit 1
  fi
  echo "base image: making $BASE_IMAGE with mmdebstrap from $mirror..."
  local work
  work="$(mktemp -d)"
  # minbase: the Essential packages and apt only; no documentation, manual pages or translations (copyright
  # files stay; the JRE's alternatives need /usr/share/man/man1 to exist); the service user 10001 as the
  # Dockerfiles expect it.
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook='chroot "$1" groupadd --gid 10001 maskflow' \
    --customize-hook='chroot "$1" useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin maskflow' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
    bookworm "$work/base.tar" "$mirror"
  $CLI import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' "$work/base.tar" "$BASE_IMAGE" >/dev/null
  rm -rf "$work"
}

# Stages target/quarkus-app of a module into target/image/{torch,deps,project,app} (hard links except torch/):
# one layer each, the ones that change least first. torch/ holds only libtorch's CPU jar (112 MB), copied with a
# fixed time so that its layer is the same in the five images that use it and is stored and pulled once.
stage_service() {
  local module="$1" app="$1/target/quarkus-app" context="$1/target/image"
  if [[ ! -f $app/quarkus-run.jar ]]; then
    echo "$app/quarkus-run.jar is missing: run mvn package first" >&2
    exit 1
  fi
  rm -rf "$context"
  mkdir -p "$context/torch/lib/main" "$context/deps/lib/main" "$context/project/lib/main" "$context/app"
  cp -al "$app/lib/boot" "$context/deps/lib/boot"
  local jar
  for jar in "$app"/lib/main/*; do
    case "$(basename "$jar")" in
      io.maskflow.*) cp -al "$jar" "$context/project/lib/main/" ;;
      ai.djl.pytorch.pytorch-native-cpu-*)
        cp "$jar" "$context/torch/lib/main/"
        touch -d @315532800 "$context/torch/lib/main/$(basename "$jar")" "$context/torch/lib/main" \
          "$context/torch/lib" "$context/torch" ;;
      *) cp -al "$jar" "$context/deps/lib/main/" ;;
    esac
  done
  cp -al "$app/quarkus-run.jar" "$app/quarkus" "$app/app" "$context/app/"
  echo "$context"
}

stage_stack() {
  local context=dev/target/image
  if [[ ! -f dev/target/stack/s3proxy/s3proxy.jar ]]; then
    echo "dev/target/stack is missing: run mvn package first" >&2
    exit 1
  fi
  rm -rf "$context"
  mkdir -p "$context"
  cp -al dev/target/stack/kafka dev/target/stack/s3proxy "$context/"
  cp docker/stack/kafka-entrypoint.sh docker/stack/s3-entrypoint.sh \
    dev/src/main/resources/io/maskflow/dev/kafka-log4j2.xml "$context/"
  echo "$context"
}

build() {
  local image="$1"
  shift
  local started=$SECONDS old new
  old="$($CLI image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
  $CLI build --quiet "${BUILD_OPTS[@]}" -t "$image" "$@" >/dev/null
  new="$($CLI image inspect --format '{{.Id}}' "$image")"
  # the image this one replaces, now untagged (kept if a container still uses it)
  if [[ -n $old && $old != "$new" ]]; then $CLI rmi "$old" >/dev/null 2>&1 || true; fi
  echo "built $image in $((SECONDS - started)) s"
}

if $MAVEN; then
  mvn -B -q package -DskipTests
fi
base_image
while read -r name module port; do
  context="$(stage_service "$module")"
  # the trainer allocates from one malloc arena (docs/trainer.md, "One malloc arena for every thread")
  tunables=()
  if [[ $name == trainer ]]; then
    tunables=(--build-arg "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.arena_max=1")
  fi
  build "$REGISTRY/maskflow-$name:$TAG" -f docker/Dockerfile.jvm --build-arg "PORT=$port" \
    --build-arg "TITLE=maskflow-$name" "${tunables[@]}" "$context"
  if $PUSH; then $CLI push "$REGISTRY/maskflow-$name:$TAG"; fi
done <<'SERVICES'
orchestrator pipeline/orchestrator 8080
datagen services/datagen 8081
preprocess services/preprocess 8082
trainer services/trainer 8083
evaluator services/evaluator 8084
serving services/serving 8085
SERVICES
context="$(stage_stack)"
build "$REGISTRY/maskflow-kafka:$TAG" -f docker/stack/Dockerfile.kafka "$context"
build "$REGISTRY/maskflow-s3:$TAG" -f docker/stack/Dockerfile.s3 "$context"
if [[ -d docker/libtorch-cu128 ]]; then
  image="$REGISTRY/maskflow-trainer-cuda:$TAG"
  $CLI build -f docker/Dockerfile.trainer-cuda "${BUILD_OPTS[@]}" -t "$image" .
  if $PUSH; then $CLI push "$image"; fi
else
  echo "docker/libtorch-cu128/ is missing: skipped the CUDA trainer image (docker/Dockerfile.trainer-cuda)"
fi
