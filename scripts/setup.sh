#!/usr/bin/env bash
# One-step setup of a fresh Debian 12 machine (as root or with sudo): system packages, npm
# dependencies, the default model and the real test media. Re-running is safe.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  ffmpeg                      # capture (ffmpeg-static cannot download its binary offline)
  chromium                    # headless end-to-end tests through playwright-core
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-tools
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-libav  # RTSP test cameras
  ca-certificates
  postgresql                  # chain sync: tests and bench start a throwaway cluster (initdb, pg_ctl) on 127.0.0.1
)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# onnxruntime-node's install would fetch CUDA parts from the internet: take the CPU build.
# Electron's binary cannot be downloaded here either; the package installs without it.
export ONNXRUNTIME_NODE_INSTALL=skip ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

bash scripts/fetch-assets.sh
echo "setup: done"
