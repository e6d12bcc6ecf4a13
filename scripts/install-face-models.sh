#!/usr/bin/env bash
# Installs the pretrained face networks services/vision runs (io.maskflow.vision.face) from the npm package
# @vladmandic/face-api 1.7.15 (MIT): the weights of the tiny face detector, the 68-point landmark net and the
# age/gender net go into the vision module's classes, so that they ship inside its jar (nothing is downloaded
# at run time), and the package's six demo photos and licence next to them for the tests and the docs.
# The vision module's build runs it in generate-resources; it does nothing when the files are already there.
#
# Usage: scripts/install-face-models.sh [CLASSES_DIR] [WORK_DIR]
#   CLASSES_DIR  where the weights go, under io/maskflow/vision/face/model/ (default services/vision/target/classes)
#   WORK_DIR     where the package is unpacked (default services/vision/target/face-api)
# Needs npm (npm pack) or, without it, curl; the tarball is checked against the registry's sha512 either way.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE="@vladmandic/face-api"
VERSION="1.7.15"
INTEGRITY="sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw=="
SHA512_HEX="5833262b709f34ba3c8f2956a8ca1081fe2722cb773347f3c7576769cf7ac2ffddbcc4cde03c42fcfab50c6b5db83935964b426a64373080d7167beb7474d70f"  # the same digest, for machines without openssl
TARBALL_URL="https://registry.npmjs.org/@vladmandic/face-api/-/face-api-$VERSION.tgz"
MODELS=(tiny_face_detector_model face_landmark_68_model age_gender_model)

CLASSES="${1:-$ROOT/services/vision/target/classes}"
WORK="${2:-$ROOT/services/vision/target/face-api}"
DEST="$CLASSES/io/maskflow/vision/face/model"
MARKER="$DEST/face-api.version"

installed() {
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$VERSION" && -f "$WORK/package/demo/sample6.jpg" ]] || return 1
  for model in "${MODELS[@]}"; do
    [[ -f "$DEST/$model.bin" && -f "$DEST/$model-weights_manifest.json" ]] || return 1
  done
}

if installed; then
  exit 0
fi

mkdir -p "$WORK" "$DEST"
tgz="$WORK/face-api-$VERSION.tgz"
if [[ ! -f "$tgz" ]]; then
  echo "installing the face networks' weights from the npm package $PACKAGE@$VERSION..."
  if command -v npm >/dev/null 2>&1; then
    packed="$(cd "$WORK" && npm pack --silent --no-audit --no-fund "$PACKAGE@$VERSION" | tail -1)"
    mv "$WORK/$packed" "$tgz"
  else
    curl -fsSL --retry 3 -o "$tgz.part" "$TARBALL_URL"
    mv "$tgz.part" "$tgz"
  fi
fi
if command -v openssl >/dev/null 2>&1; then
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
  expected="$INTEGRITY"
else
  actual="$(sha512sum "$tgz" | cut -d' ' -f1)"
  expected="$SHA512_HEX"
fi
if [[ "$actual" != "$expected" ]]; then
  echo "$tgz does not match the registry's integrity $expected (got $actual); removed" >&2
  rm -f "$tgz"
  exit 1
fi
rm -rf "$WORK/package"
tar -xzf "$tgz" -C "$WORK" package/model package/demo package/LICENSE package/package.json
for model in "${MODELS[@]}"; do
  cp "$WORK/package/model/$model.bin" "$WORK/package/model/$model-weights_manifest.json" "$DEST/"
done
cp "$WORK/package/LICENSE" "$DEST/LICENSE-face-api"
echo "$VERSION" >"$MARKER"
echo "installed ${MODELS[*]} into $DEST"
